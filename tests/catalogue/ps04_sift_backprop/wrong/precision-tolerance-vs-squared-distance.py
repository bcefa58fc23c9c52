"""Compares the squared distance with tol_px (a tolerance of sqrt(3) = 1.73 px for tol_px = 3)."""
import numpy as np


def match_precision(kp1, kp2, matches, H, tol_px=3.0):
    if len(matches) == 0:
        return 0.0
    src = np.array([kp1[m.queryIdx].pt for m in matches], float)
    dst = np.array([kp2[m.trainIdx].pt for m in matches], float)
    p = np.column_stack([src, np.ones(len(src))]) @ np.asarray(H, float).T
    d2 = ((p[:, :2] / p[:, 2:] - dst) ** 2).sum(axis=1)
    return float(np.mean(d2 <= tol_px))
