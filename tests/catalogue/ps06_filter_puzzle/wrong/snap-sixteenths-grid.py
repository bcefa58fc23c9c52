"""Each entry rounded to the nearest multiple of 1/max_denominator: exact for sixteenths, but
0.3 becomes 5/16 instead of 3/10, and 1/3 becomes 5/16."""
from fractions import Fraction

import numpy as np


def snap_to_fractions(kernel, max_denominator=16):
    values = np.asarray(kernel, dtype=np.float64)
    snapped = np.empty(values.shape, dtype=object)
    for index in np.ndindex(values.shape):
        snapped[index] = Fraction(int(round(values[index] * max_denominator)), max_denominator)
    return snapped
