"""Sums the four corner distances instead of averaging them."""
import numpy as np


def corner_error(H_est, H_true, shape):
    height, width = shape[:2]
    c = np.array([[0, 0, 1], [width - 1, 0, 1], [width - 1, height - 1, 1], [0, height - 1, 1]], float)
    a, b = c @ np.asarray(H_est, float).T, c @ np.asarray(H_true, float).T
    return float(np.linalg.norm(a[:, :2] / a[:, 2:] - b[:, :2] / b[:, 2:], axis=1).sum())
