"""RIGHT (Part E, snap_to_fractions): exhaustive search over every denominator 1..q with
NumPy, returning float64 values equal to the fractions.

For each denominator the best numerator is round(x * q'); the closest of those q
candidates is the closest fraction with denominator <= q (ties excluded by the
statement).  The result is p / q' as a float64, the float nearest to the fraction --
exactly what float(Fraction(p, q')) gives, so it is "a float equal to" the fraction
in the statement's sense (the visible test accepts floats within 1e-12).  A hidden
test insisting on Fraction objects would reject this allowed answer.
"""
import numpy as np


def snap_to_fractions(kernel, max_denominator=16):
    values = np.array(kernel, dtype=np.float64)
    flat = values.reshape(-1)
    q = np.arange(1, int(max_denominator) + 1, dtype=np.float64)
    out = np.empty(flat.shape, dtype=np.float64)
    for n, x in enumerate(flat):
        p = np.round(x * q)
        error = np.abs(x - p / q)
        best = int(np.argmin(error))
        out[n] = p[best] / q[best]
    return out.reshape(values.shape)
