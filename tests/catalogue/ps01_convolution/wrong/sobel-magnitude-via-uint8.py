"""Converts the image to 8-bit pixels before filtering (as for display), losing precision and scale."""
import numpy as np
import scipy.signal

SX = np.array([[-1.0, 0.0, 1.0], [-2.0, 0.0, 2.0], [-1.0, 0.0, 1.0]])


def sobel_magnitude(img):
    pixels = (np.clip(img, 0, 1) * 255).astype(np.uint8).astype(float)
    gx = scipy.signal.correlate2d(pixels, SX, mode="valid")
    gy = scipy.signal.correlate2d(pixels, SX.T, mode="valid")
    return np.sqrt(gx**2 + gy**2) / 255
