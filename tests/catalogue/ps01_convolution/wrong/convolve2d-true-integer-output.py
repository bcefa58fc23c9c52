"""convolve2d_true: allocates the output with np.zeros_like(img[:h_out, :w_out]), i.e. the
image's dtype. An integer image with a float kernel gives truncated integer results.
Contract/docstring: "Returns a float array" equal to scipy.signal.convolve2d(img, kernel,
mode='valid') -- which is a float array for a float kernel."""
import numpy as np


def convolve2d_true(img: np.ndarray, kernel: np.ndarray) -> np.ndarray:
    k = kernel[::-1, ::-1]
    kh, kw = k.shape
    out = np.zeros_like(img[:img.shape[0] - kh + 1, :img.shape[1] - kw + 1])
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            out[i, j] = np.sum(img[i:i + kh, j:j + kw] * k)
    return out
