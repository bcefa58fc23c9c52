"""Each entry rounded to the nearest integer: 1/8 and 1/4 become 0."""
from fractions import Fraction

import numpy as np


def snap_to_fractions(kernel, max_denominator=16):
    return np.round(np.asarray(kernel, dtype=np.float64))
