"""WRONG (Part E, snap_to_fractions): rounds each entry to 4 decimals, then limit_denominator.

Pre-rounding moves every value by up to 5e-5 before the search.  With max_denominator=16
neighbouring candidates are >= 1/240 apart, so the visible cases (and most q <= 16
cases) still land on the right fraction; with larger denominators (100, 1000, 10**4 --
"other denominators") the closest fraction to the rounded value is often not the
closest to the true one: 0.123456 with q=1000 gives 72/583 instead of 10/81, and
0.6414215 with q=100 gives 59/92 instead of 34/53.
"""
from fractions import Fraction

import numpy as np


def snap_to_fractions(kernel, max_denominator=16):
    kernel = np.asarray(kernel, dtype=np.float64)
    out = np.empty(kernel.shape, dtype=object)
    for index in np.ndindex(kernel.shape):
        out[index] = Fraction(round(float(kernel[index]), 4)).limit_denominator(max_denominator)
    return out
