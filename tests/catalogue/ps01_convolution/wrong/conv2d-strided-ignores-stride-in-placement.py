"""Seed mistake: the output size uses the stride but the windows still move one pixel."""
import numpy as np


def conv2d_strided(img, kernel, stride=1):
    kh, kw = kernel.shape
    h_out = (img.shape[0] - kh) // stride + 1
    w_out = (img.shape[1] - kw) // stride + 1
    out = np.zeros((h_out, w_out))
    for i in range(h_out):
        for j in range(w_out):
            out[i, j] = np.sum(img[i : i + kh, j : j + kw] * kernel)
    return out
