"""cv2.perspectiveTransform on float32 points, np.hypot, a NumPy float32 result."""
import cv2
import numpy as np


def match_precision(kp1, kp2, matches, H, tol_px=3.0):
    if not len(matches):
        return np.float32(0.0)
    src = np.float32([kp1[m.queryIdx].pt for m in matches]).reshape(-1, 1, 2)
    dst = np.float32([kp2[m.trainIdx].pt for m in matches]).reshape(-1, 2)
    mapped = cv2.perspectiveTransform(src, np.asarray(H, dtype=np.float64)).reshape(-1, 2)
    error = np.hypot(mapped[:, 0] - dst[:, 0], mapped[:, 1] - dst[:, 1])
    return np.float32((error <= tol_px).mean())
