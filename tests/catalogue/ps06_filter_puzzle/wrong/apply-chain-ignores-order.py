"""The filters applied in list order, whatever `order` says."""
import numpy as np
import scipy.signal
import torch
import torch.nn.functional as F


def apply_chain(x, filters, order):
    if isinstance(x, torch.Tensor):
        out = x.reshape(-1, 1, *x.shape[-2:])
        for kernel in filters:
            kernel = torch.as_tensor(kernel, dtype=x.dtype)
            out = F.conv2d(out, kernel.reshape(1, 1, 3, 3), padding=1)
        return out.reshape(x.shape)
    out = np.asarray(x, dtype=np.float64)
    images = out.reshape(-1, *out.shape[-2:])
    result = []
    for image in images:
        for kernel in filters:
            image = scipy.signal.correlate2d(image, np.asarray(kernel, dtype=np.float64), mode="same")
        result.append(image)
    return np.stack(result).reshape(out.shape)
