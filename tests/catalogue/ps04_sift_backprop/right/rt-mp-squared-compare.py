"""RIGHT (match_precision): homogeneous coordinates with np.einsum, division by w, and the test
dx^2 + dy^2 <= tol_px^2 (equivalent to the Euclidean distance <= tol_px for non-negative tol_px); the
share as np.mean of a boolean array (a NumPy float64).

Mathematically identical to comparing sqrt(.) <= tol; in floating point the two can disagree only when
the squared distance is within one rounding of tol^2. Integer 3-4-5 style exact-tolerance tests agree.
"""
import numpy as np


def match_precision(kp1, kp2, matches, H, tol_px=3.0):
    matches = list(matches)
    if not matches:
        return 0.0
    H = np.asarray(H, dtype=np.float64)
    p = np.array([(*kp1[m.queryIdx].pt, 1.0) for m in matches])
    q = np.array([kp2[m.trainIdx].pt for m in matches], dtype=np.float64)
    uvw = np.einsum("ij,nj->ni", H, p)
    mapped = uvw[:, :2] / uvw[:, 2:3]
    return np.mean(((mapped - q) ** 2).sum(axis=1) <= float(tol_px) ** 2)
