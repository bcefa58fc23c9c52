"""Output size (H - kh + 1) // stride: one too few whenever the last window fits exactly."""
import numpy as np


def conv2d_strided(img, kernel, stride=1):
    kh, kw = kernel.shape
    h_out = (img.shape[0] - kh + 1) // stride
    w_out = (img.shape[1] - kw + 1) // stride
    out = np.zeros((h_out, w_out))
    for i in range(h_out):
        for j in range(w_out):
            out[i, j] = np.sum(img[i * stride : i * stride + kh, j * stride : j * stride + kw] * kernel)
    return out
