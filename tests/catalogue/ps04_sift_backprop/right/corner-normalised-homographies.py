"""Normalises both homographies so that H[2, 2] = 1 first, then maps the corners with
hypot; a Python loop over the corners."""
import math

import numpy as np


def corner_error(H_est, H_true, shape):
    height, width = shape[:2]
    A = np.asarray(H_est, float) / H_est[2][2]
    B = np.asarray(H_true, float) / H_true[2][2]
    total = 0.0
    for x, y in [(0, 0), (width - 1, 0), (width - 1, height - 1), (0, height - 1)]:
        a, b = A @ (x, y, 1.0), B @ (x, y, 1.0)
        total += math.hypot(a[0] / a[2] - b[0] / b[2], a[1] / a[2] - b[1] / b[2])
    return total / 4
