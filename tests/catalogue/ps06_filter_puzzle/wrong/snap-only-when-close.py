"""An entry is snapped only when it lies within 1e-3 of its fraction; the others are left as
they were, so snap_to_fractions(0.3, max_denominator=4) stays 0.3 instead of 1/3."""
from fractions import Fraction

import numpy as np


def snap_to_fractions(kernel, max_denominator=16):
    values = np.asarray(kernel, dtype=np.float64)
    snapped = np.empty(values.shape, dtype=object)
    for index in np.ndindex(values.shape):
        fraction = Fraction(float(values[index])).limit_denominator(max_denominator)
        snapped[index] = fraction if abs(float(fraction) - values[index]) < 1e-3 else float(values[index])
    return snapped
