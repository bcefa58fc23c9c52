"""RIGHT (Part E, snap_to_fractions): walks the Stern-Brocot tree towards x, keeping the
closest node with denominator <= q, in exact rational arithmetic.

Every best rational approximation of x (convergents and semiconvergents alike) lies on
the Stern-Brocot path to x, and the path's denominators grow, so the closest node seen
before the denominators exceed q is the closest fraction with q' <= q.  Integer
part handled separately, negatives by symmetry.  Returns Fractions, any shape.
"""
import math
from fractions import Fraction

import numpy as np


def snap_to_fractions(kernel, max_denominator=16):
    values = np.array(kernel, dtype=np.float64)

    def closest(x):
        if x < 0:
            return -closest(-x)
        whole = math.floor(x)
        target = x - whole
        lo_p, lo_q, hi_p, hi_q = 0, 1, 1, 1
        best = min((Fraction(0), Fraction(1)), key=lambda f: abs(target - f))
        while True:
            p, q = lo_p + hi_p, lo_q + hi_q
            if q > max_denominator:
                break
            mid = Fraction(p, q)
            if abs(target - mid) < abs(target - best):
                best = mid
            if target == mid:
                break
            if target < mid:
                hi_p, hi_q = p, q
            else:
                lo_p, lo_q = p, q
        return whole + best

    out = np.empty(values.shape, dtype=object)
    for index in np.ndindex(values.shape):
        out[index] = closest(Fraction(float(values[index])))
    return out
