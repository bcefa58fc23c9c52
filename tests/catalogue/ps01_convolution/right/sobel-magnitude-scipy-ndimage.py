"""scipy.ndimage.sobel along each axis (the same unnormalised kernels), cropped to the valid part."""
import numpy as np
from scipy import ndimage


def sobel_magnitude(img):
    img = np.asarray(img, dtype=np.float64)
    gx = ndimage.sobel(img, axis=1)
    gy = ndimage.sobel(img, axis=0)
    return np.hypot(gx, gy)[1:-1, 1:-1]
