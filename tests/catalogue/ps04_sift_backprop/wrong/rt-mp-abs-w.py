"""WRONG (match_precision): divides by |w| instead of w ("w should be positive").

For H with H[2, 2] > 0 and mild perspective w > 0, so it equals the reference on the visible test and on
make_view_pair's H; but "any non-zero multiple of H is the same homography", and for -H (or an H
estimated with a negative scale) every point is sent to minus its image.
"""
import numpy as np


def match_precision(kp1, kp2, matches, H, tol_px=3.0):
    if len(matches) == 0:
        return 0.0
    p = np.array([kp1[m.queryIdx].pt for m in matches], dtype=np.float64)
    q = np.array([kp2[m.trainIdx].pt for m in matches], dtype=np.float64)
    ph = np.hstack([p, np.ones((len(p), 1))]) @ np.asarray(H, float).T
    mapped = ph[:, :2] / np.abs(ph[:, 2:])
    return float(np.mean(np.linalg.norm(mapped - q, axis=1) <= tol_px))
