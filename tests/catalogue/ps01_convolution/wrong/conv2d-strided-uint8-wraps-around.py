"""conv2d_strided: when the kernel is integer, casts it to the image's dtype "to avoid mixed
types": (window * kernel.astype(img.dtype)).sum(). For a uint8 image with an integer kernel,
negative taps wrap to 255 and each product wraps modulo 256. Float kernels (also on uint8
images) and float images are untouched and exact. Contract: the valid strided correlation
(values), float output."""
import numpy as np


def conv2d_strided(img: np.ndarray, kernel: np.ndarray, stride: int = 1) -> np.ndarray:
    kh, kw = kernel.shape
    k = kernel.astype(img.dtype) if np.issubdtype(kernel.dtype, np.integer) else kernel
    h_out = (img.shape[0] - kh) // stride + 1
    w_out = (img.shape[1] - kw) // stride + 1
    out = np.zeros((h_out, w_out))
    for i in range(h_out):
        for j in range(w_out):
            out[i, j] = (img[i * stride:i * stride + kh, j * stride:j * stride + kw] * k).sum()
    return out
