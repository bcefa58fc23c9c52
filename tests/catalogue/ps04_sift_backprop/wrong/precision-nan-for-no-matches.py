"""No special case for an empty list of matches: np.mean of nothing is nan (with a
RuntimeWarning), not 0.0."""
import numpy as np


def match_precision(kp1, kp2, matches, H, tol_px=3.0):
    src = np.array([kp1[m.queryIdx].pt for m in matches], float).reshape(-1, 2)
    dst = np.array([kp2[m.trainIdx].pt for m in matches], float).reshape(-1, 2)
    p = np.column_stack([src, np.ones(len(src))]) @ np.asarray(H, float).T
    return float(np.mean(np.linalg.norm(p[:, :2] / p[:, 2:] - dst, axis=1) <= tol_px))
