"""Only the horizontal derivative: misses horizontal edges."""
import numpy as np
import scipy.signal

SX = np.array([[-1.0, 0.0, 1.0], [-2.0, 0.0, 2.0], [-1.0, 0.0, 1.0]])


def sobel_magnitude(img):
    return np.abs(scipy.signal.correlate2d(img, SX, mode="valid"))
