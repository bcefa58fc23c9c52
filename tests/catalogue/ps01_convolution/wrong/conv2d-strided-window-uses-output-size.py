"""Seed mistake with a stride: windows sliced by the output size (img[i:h_out+i, j:w_out+j])."""
import numpy as np


def conv2d_strided(img, kernel, stride=1):
    h_out = int((img.shape[0] - (kernel.shape[0] - 1) - 1) / stride + 1)
    w_out = int((img.shape[1] - (kernel.shape[1] - 1) - 1) / stride + 1)
    out = np.empty([h_out, w_out])
    for i in range(h_out):
        for j in range(w_out):
            out[i, j] = np.sum(kernel * img[i : h_out + i, j : w_out + j])
    return out
