"""The fractions are returned as strings such as "-1/8" (nice to print, but not numbers)."""
from fractions import Fraction

import numpy as np


def snap_to_fractions(kernel, max_denominator=16):
    values = np.asarray(kernel, dtype=np.float64)
    snapped = np.empty(values.shape, dtype=object)
    for index in np.ndindex(values.shape):
        snapped[index] = str(Fraction(float(values[index])).limit_denominator(max_denominator))
    return snapped
