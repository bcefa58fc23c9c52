"""True convolution instead of cross-correlation: every kernel is flipped in both axes
(scipy.signal.convolve2d, and a flip before F.conv2d). Right only for filters that equal
their 180-degree turn, such as the box; not for the edge filter or a Sobel kernel."""
import numpy as np
import scipy.signal
import torch
import torch.nn.functional as F


def apply_chain(x, filters, order):
    if isinstance(x, torch.Tensor):
        out = x.reshape(-1, 1, *x.shape[-2:])
        for index in order:
            kernel = torch.as_tensor(filters[index], dtype=x.dtype).flip(0, 1)
            out = F.conv2d(out, kernel.reshape(1, 1, 3, 3), padding=1)
        return out.reshape(x.shape)
    out = np.asarray(x, dtype=np.float64)
    images = out.reshape(-1, *out.shape[-2:])
    result = []
    for image in images:
        for index in order:
            image = scipy.signal.convolve2d(image, np.asarray(filters[index], dtype=np.float64), mode="same")
        result.append(image)
    return np.stack(result).reshape(out.shape)
