"""The bound is hard-coded to 16: snap_to_fractions(k, max_denominator=4) still allows
denominators up to 16."""
from fractions import Fraction

import numpy as np


def snap_to_fractions(kernel, max_denominator=16):
    values = np.asarray(kernel, dtype=np.float64)
    snapped = np.empty(values.shape, dtype=object)
    for index in np.ndindex(values.shape):
        snapped[index] = Fraction(float(values[index])).limit_denominator(16)
    return snapped
