"""Flips the kernel left-right only (np.fliplr), not up-down too."""
import numpy as np


def convolve2d_true(img, kernel):
    kernel = np.fliplr(kernel)
    kh, kw = kernel.shape
    out = np.zeros((img.shape[0] - kh + 1, img.shape[1] - kw + 1))
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            out[i, j] = np.sum(img[i : i + kh, j : j + kw] * kernel)
    return out
