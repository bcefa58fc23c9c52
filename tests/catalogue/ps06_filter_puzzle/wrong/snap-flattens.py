"""The fractions come back as a flat list, not as an array of the kernel's shape."""
from fractions import Fraction

import numpy as np


def snap_to_fractions(kernel, max_denominator=16):
    return [Fraction(float(v)).limit_denominator(max_denominator) for v in np.ravel(kernel)]
