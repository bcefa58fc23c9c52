"""WRONG (match_precision): compares with tol_px * 1.01 ("a little slack for rounding"), so distances up
to 1 % beyond the tolerance count as correct.

Exactly-equal distances are (correctly) accepted, so a test "distance == tol counts" passes; a match at
tol + 0.02 px is wrongly accepted. The visible distances (2 and 5 vs 3) are far from the boundary.
"""
import numpy as np


def match_precision(kp1, kp2, matches, H, tol_px=3.0):
    if len(matches) == 0:
        return 0.0
    p = np.array([kp1[m.queryIdx].pt for m in matches], dtype=np.float64)
    q = np.array([kp2[m.trainIdx].pt for m in matches], dtype=np.float64)
    ph = np.hstack([p, np.ones((len(p), 1))]) @ np.asarray(H, float).T
    mapped = ph[:, :2] / ph[:, 2:]
    return float(np.mean(np.linalg.norm(mapped - q, axis=1) <= tol_px * 1.01))
