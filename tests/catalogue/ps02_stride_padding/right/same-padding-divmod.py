"""divmod of the total padding by 2; NumPy for the pairs, converted back to Python ints."""
import numpy as np


def same_padding(kernel_size, dilation=1):
    k = np.broadcast_to(np.asarray(kernel_size), (2,))
    d = np.broadcast_to(np.asarray(dilation), (2,))
    half, odd = divmod(d * (k - 1), 2)
    if odd.any():
        raise ValueError(f"effective kernel {tuple(int(v) for v in d * (k - 1) + 1)} is even on some axis")
    if np.ndim(kernel_size) == 0 and np.ndim(dilation) == 0:
        return int(half[0])
    return (int(half[0]), int(half[1]))
