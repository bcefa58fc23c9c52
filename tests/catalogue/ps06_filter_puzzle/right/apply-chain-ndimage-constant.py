"""scipy.ndimage.correlate told to pad with zeros (mode='constant'); tensors padded with F.pad
and summed over the nine shifted copies (differentiable, no conv2d)."""
import numpy as np
import scipy.ndimage
import torch
import torch.nn.functional as F


def apply_chain(x, filters, order):
    if isinstance(x, torch.Tensor):
        out = x
        h, w = x.shape[-2:]
        for index in order:
            kernel = torch.as_tensor(filters[index]).to(dtype=x.dtype, device=x.device)
            padded = F.pad(out, (1, 1, 1, 1))
            out = sum(kernel[a, b] * padded[..., a:a + h, b:b + w] for a in range(3) for b in range(3))
        return out
    out = np.asarray(x, dtype=np.float64)
    for index in order:
        kernel = np.asarray(filters[index], dtype=np.float64)
        if out.ndim == 3:
            kernel = kernel[None]  # one image after the other: no mixing along the batch axis
        out = scipy.ndimage.correlate(out, kernel, mode="constant", cval=0.0)
    return out
