"""WRONG (Part E, snap_to_fractions): entries below 0.05 in magnitude are set to 0 first
("fitting noise").

0.04 is closer to 1/16 (0.0225 away) than to 0 (0.04 away), so the closest fraction
with q <= 16 is 1/16, and with larger bounds small fractions such as 1/25 or 1/100 are
legitimate answers.  The visible cases' only small entry is 3e-9, which is 0 anyway.
"""
from fractions import Fraction

import numpy as np


def snap_to_fractions(kernel, max_denominator=16):
    kernel = np.asarray(kernel, dtype=np.float64)
    out = np.empty(kernel.shape, dtype=object)
    for index in np.ndindex(kernel.shape):
        x = float(kernel[index])
        out[index] = Fraction(0) if abs(x) < 0.05 else Fraction(x).limit_denominator(max_denominator)
    return out
