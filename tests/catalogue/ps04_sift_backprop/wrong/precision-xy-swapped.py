"""Treats keypoint.pt as (row, column) and maps (y, x, 1) by H instead of (x, y, 1)."""
import numpy as np


def match_precision(kp1, kp2, matches, H, tol_px=3.0):
    if len(matches) == 0:
        return 0.0
    src = np.array([kp1[m.queryIdx].pt[::-1] for m in matches], float)
    dst = np.array([kp2[m.trainIdx].pt[::-1] for m in matches], float)
    p = np.column_stack([src, np.ones(len(src))]) @ np.asarray(H, float).T
    return float(np.mean(np.linalg.norm(p[:, :2] / p[:, 2:] - dst, axis=1) <= tol_px))
