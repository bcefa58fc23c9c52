"""Uses the Prewitt kernel (rows weighted 1, 1, 1) instead of Sobel's (1, 2, 1)."""
import numpy as np
import scipy.signal

PX = np.array([[-1.0, 0.0, 1.0], [-1.0, 0.0, 1.0], [-1.0, 0.0, 1.0]])


def sobel_magnitude(img):
    gx = scipy.signal.correlate2d(img, PX, mode="valid")
    gy = scipy.signal.correlate2d(img, PX.T, mode="valid")
    return np.sqrt(gx**2 + gy**2)
