"""RIGHT (by the statement) (corner_error): does what the notebook's own RANSAC cell does - the corners
as a float32 (4, 1, 2) array through cv2.perspectiveTransform - and returns the mean as a NumPy
float32 ("out: a float (Python or NumPy)").

Correct to float32 precision: ~1e-5 px per coordinate at 500 px. For a small error (a sub-pixel
perturbation of a perspective H on 512 x 512) that is a relative error of ~4e-6 (absolute ~1e-6), so a
hidden test that compares with a float64 reference at a tight tolerance (rtol <= 1e-6, or atol 1e-7)
would reject it, although the statement fixes no precision and allows NumPy floats; check_close's
defaults (atol 1e-6, rtol 1e-5) are borderline. The visible tests (atol 1e-3, or exact 5.0) pass.
"""
import cv2
import numpy as np


def corner_error(H_est, H_true, shape):
    h, w = shape[:2]
    corners = np.float32([[0, 0], [w - 1, 0], [w - 1, h - 1], [0, h - 1]]).reshape(-1, 1, 2)
    a = cv2.perspectiveTransform(corners, np.asarray(H_est, np.float64)).reshape(-1, 2)
    b = cv2.perspectiveTransform(corners, np.asarray(H_true, np.float64)).reshape(-1, 2)
    return np.linalg.norm(a - b, axis=1).mean(dtype=np.float32)
