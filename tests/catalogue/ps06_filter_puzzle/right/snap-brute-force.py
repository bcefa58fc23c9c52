"""Brute force: for every denominator q up to the bound, the nearest numerator round(x * q);
keep the closest candidate (the smaller denominator on a tie)."""
from fractions import Fraction

import numpy as np


def snap_to_fractions(kernel, max_denominator=16):
    values = np.asarray(kernel, dtype=np.float64)
    out = np.empty(values.shape, dtype=object)
    for index, x in np.ndenumerate(values):
        best = None
        for q in range(1, max_denominator + 1):
            candidate = Fraction(int(round(x * q)), q)
            if best is None or abs(candidate - Fraction(x)) < abs(best - Fraction(x)):
                best = candidate
        out[index] = best
    return out
