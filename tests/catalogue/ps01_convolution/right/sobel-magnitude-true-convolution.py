"""Convolves (flips) instead of correlating: gx and gy change sign, the magnitude does not."""
import numpy as np
import scipy.signal

SX = np.array([[-1.0, 0.0, 1.0], [-2.0, 0.0, 2.0], [-1.0, 0.0, 1.0]])


def sobel_magnitude(img):
    gx = scipy.signal.convolve2d(img, SX, mode="valid")
    gy = scipy.signal.convolve2d(img, SX.T, mode="valid")
    return np.hypot(gx, gy)
