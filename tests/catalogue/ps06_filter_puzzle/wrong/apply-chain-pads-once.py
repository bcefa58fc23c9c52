"""Zero padding of 3 added once, then three 'valid' correlations: the size comes out right, but
the intermediate results are not cut back to zero outside the image between the steps."""
import numpy as np
import torch
import torch.nn.functional as F


def apply_chain(x, filters, order):
    if isinstance(x, torch.Tensor):
        out = F.pad(x.reshape(-1, 1, *x.shape[-2:]), (3, 3, 3, 3))
        for index in order:
            kernel = torch.as_tensor(filters[index], dtype=x.dtype)
            out = F.conv2d(out, kernel.reshape(1, 1, 3, 3))
        return out.reshape(x.shape)
    out = np.asarray(x, dtype=np.float64)
    out = np.pad(out, [(0, 0)] * (out.ndim - 2) + [(3, 3), (3, 3)])
    for index in order:
        kernel = np.asarray(filters[index], dtype=np.float64)
        h, w = out.shape[-2] - 2, out.shape[-1] - 2
        out = sum(kernel[a, b] * out[..., a:a + h, b:b + w] for a in range(3) for b in range(3))
    return out
