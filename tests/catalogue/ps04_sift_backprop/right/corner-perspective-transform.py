"""cv2.perspectiveTransform on the four corners, a NumPy float64 result."""
import cv2
import numpy as np


def corner_error(H_est, H_true, shape):
    h, w = shape[0], shape[1]
    corners = np.array([[[0, 0]], [[w - 1, 0]], [[w - 1, h - 1]], [[0, h - 1]]], dtype=np.float64)
    a = cv2.perspectiveTransform(corners, np.asarray(H_est, np.float64))
    b = cv2.perspectiveTransform(corners, np.asarray(H_true, np.float64))
    return np.linalg.norm(a - b, axis=-1).mean()
