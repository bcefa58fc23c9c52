"""conv2d_strided: builds the output with np.array of a nested list comprehension of window sums.
Values are right, but for an integer image with an integer kernel the array is INTEGER
(dtype int64), not float. Docstring contract: "Returns a float array"."""
import numpy as np


def conv2d_strided(img: np.ndarray, kernel: np.ndarray, stride: int = 1) -> np.ndarray:
    kh, kw = kernel.shape
    return np.array([[np.sum(img[r:r + kh, c:c + kw] * kernel)
                      for c in range(0, img.shape[1] - kw + 1, stride)]
                     for r in range(0, img.shape[0] - kh + 1, stride)])
