"""For each denominator q the numerator is floor(x * q) instead of the nearest integer, so only
fractions at or below x are candidates: with denominators up to 4, 0.3 snaps to 1/4 instead of
the closer 1/3, and 2.9999999 can never become 3."""
from fractions import Fraction

import numpy as np


def snap_to_fractions(kernel, max_denominator=16):
    values = np.asarray(kernel, dtype=np.float64)
    snapped = np.empty(values.shape, dtype=object)
    for index in np.ndindex(values.shape):
        x = float(values[index])
        candidates = [Fraction(int(np.floor(x * q)), q) for q in range(1, max_denominator + 1)]
        snapped[index] = min(candidates, key=lambda f: (abs(float(f) - x), f.denominator))
    return snapped
