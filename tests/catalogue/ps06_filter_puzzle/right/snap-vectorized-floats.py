"""np.vectorize over limit_denominator, returning plain floats equal to the fractions."""
from fractions import Fraction

import numpy as np


def snap_to_fractions(kernel, max_denominator=16):
    snap = np.vectorize(lambda v: float(Fraction(float(v)).limit_denominator(max_denominator)), otypes=[np.float64])
    return snap(np.asarray(kernel, dtype=np.float64))
