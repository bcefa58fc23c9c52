"""Output size with ceil instead of floor: the last window sticks out of the image."""
import math

import numpy as np


def conv2d_strided(img, kernel, stride=1):
    kh, kw = kernel.shape
    h_out = math.ceil((img.shape[0] - kh) / stride) + 1
    w_out = math.ceil((img.shape[1] - kw) / stride) + 1
    out = np.zeros((h_out, w_out))
    for i in range(h_out):
        for j in range(w_out):
            patch = img[i * stride : i * stride + kh, j * stride : j * stride + kw]
            out[i, j] = np.sum(patch * kernel[: patch.shape[0], : patch.shape[1]])
    return out
