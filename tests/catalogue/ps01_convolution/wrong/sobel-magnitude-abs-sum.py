"""|gx| + |gy| instead of sqrt(gx**2 + gy**2): a cheaper approximation, not the magnitude."""
import numpy as np
import scipy.signal

SX = np.array([[-1.0, 0.0, 1.0], [-2.0, 0.0, 2.0], [-1.0, 0.0, 1.0]])


def sobel_magnitude(img):
    gx = scipy.signal.correlate2d(img, SX, mode="valid")
    gy = scipy.signal.correlate2d(img, SX.T, mode="valid")
    return np.abs(gx) + np.abs(gy)
