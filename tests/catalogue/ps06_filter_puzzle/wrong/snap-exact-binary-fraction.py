"""Fraction(x) without limit_denominator: the exact binary value of the float, such as
1152921504606847/9223372036854775808 for 0.125 + 1e-16, not a simple fraction."""
from fractions import Fraction

import numpy as np


def snap_to_fractions(kernel, max_denominator=16):
    values = np.asarray(kernel, dtype=np.float64)
    snapped = np.empty(values.shape, dtype=object)
    for index in np.ndindex(values.shape):
        snapped[index] = Fraction(float(values[index]))
    return snapped
