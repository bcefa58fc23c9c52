"""RIGHT (corner_error): normalises each homography by its Frobenius norm (any non-zero multiple is the
same homography; the sign does not matter because the mapping divides by w), maps the corners with
homogeneous coordinates in float64 and averages np.hypot distances.
"""
import numpy as np


def corner_error(H_est, H_true, shape):
    h, w = shape[:2]
    corners = np.array([[0.0, 0.0, 1.0], [w - 1.0, 0.0, 1.0], [w - 1.0, h - 1.0, 1.0], [0.0, h - 1.0, 1.0]])

    def apply(H):
        H = np.asarray(H, dtype=np.float64)
        H = H / np.linalg.norm(H)
        r = corners @ H.T
        return r[:, 0] / r[:, 2], r[:, 1] / r[:, 2]

    (ax, ay), (bx, by) = apply(H_est), apply(H_true)
    return float(np.mean(np.hypot(ax - bx, ay - by)))
