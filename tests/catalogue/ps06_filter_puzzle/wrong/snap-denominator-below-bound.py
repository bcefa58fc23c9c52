"""limit_denominator(max_denominator - 1): the bound itself is excluded, so 5/16 cannot come
out with the default bound of 16."""
from fractions import Fraction

import numpy as np


def snap_to_fractions(kernel, max_denominator=16):
    values = np.asarray(kernel, dtype=np.float64)
    snapped = np.empty(values.shape, dtype=object)
    for index in np.ndindex(values.shape):
        snapped[index] = Fraction(float(values[index])).limit_denominator(max(1, max_denominator - 1))
    return snapped
