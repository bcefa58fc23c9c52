"""Transposes the kernel instead of flipping it (the same only for special kernels)."""
import numpy as np
import scipy.signal


def convolve2d_true(img, kernel):
    kernel = kernel.T
    return scipy.signal.correlate2d(img, kernel, mode="valid") if kernel.shape[0] <= img.shape[0] else np.zeros((0, 0))
