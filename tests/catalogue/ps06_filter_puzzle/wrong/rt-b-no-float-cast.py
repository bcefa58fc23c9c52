"""WRONG (Part B, apply_chain): no cast to float, so integer images with integer filters stay integer.

scipy.signal.correlate2d keeps the common type of its inputs: a uint8 image with the
integer filters of the worked example (R, L, D, a Sobel) gives an int64 (or even uint8
for uint8 kernels, wrapping around) result, not float64 as the contract says.  The
visible tests pass float images (and float random filters), for which the type is
already float64.
"""
import numpy as np
import scipy.signal
import torch
import torch.nn.functional as F


def apply_chain(x, filters, order):
    if isinstance(x, torch.Tensor):
        out = x.reshape(-1, 1, *x.shape[-2:])
        for index in order:
            k = torch.as_tensor(filters[index], dtype=x.dtype, device=x.device).reshape(1, 1, 3, 3)
            out = F.conv2d(out, k, padding=1)
        return out.reshape(x.shape)
    x = np.asarray(x)
    if x.ndim == 3:
        return np.stack([apply_chain(image, filters, order) for image in x])
    for index in order:
        x = scipy.signal.correlate2d(x, np.asarray(filters[index]), mode="same", boundary="fill")
    return x
