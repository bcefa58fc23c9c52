"""The seed's way: entries rounded to three decimals. Fine for 0.125 and 0.25, but 1/3 becomes
0.333, which is no fraction with a small denominator."""
from fractions import Fraction

import numpy as np


def snap_to_fractions(kernel, max_denominator=16):
    return np.round(np.asarray(kernel, dtype=np.float64), 3)
