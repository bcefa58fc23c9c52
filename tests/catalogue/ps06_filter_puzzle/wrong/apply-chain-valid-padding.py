"""No padding ('valid' correlation): each step loses a pixel on every side, so the result is
(H - 6, W - 6) instead of the size of the image."""
import numpy as np
import scipy.signal
import torch
import torch.nn.functional as F


def apply_chain(x, filters, order):
    if isinstance(x, torch.Tensor):
        out = x.reshape(-1, 1, *x.shape[-2:])
        for index in order:
            kernel = torch.as_tensor(filters[index], dtype=x.dtype)
            out = F.conv2d(out, kernel.reshape(1, 1, 3, 3))
        return out.reshape(*x.shape[:-2], *out.shape[-2:])
    out = np.asarray(x, dtype=np.float64)
    images = out.reshape(-1, *out.shape[-2:])
    result = []
    for image in images:
        for index in order:
            image = scipy.signal.correlate2d(image, np.asarray(filters[index], dtype=np.float64), mode="valid")
        result.append(image)
    return np.stack(result).reshape(*out.shape[:-2], *result[0].shape)
