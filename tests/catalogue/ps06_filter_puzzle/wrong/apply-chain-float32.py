"""NumPy images computed in float32 (through torch) and converted back: the values are right
to about 1e-7 relative, not to the float64 precision the least-squares fit needs."""
import numpy as np
import torch
import torch.nn.functional as F


def apply_chain(x, filters, order):
    is_torch = isinstance(x, torch.Tensor)
    t = x if is_torch else torch.tensor(np.asarray(x), dtype=torch.float32)
    out = t.reshape(-1, 1, *t.shape[-2:])
    for index in order:
        kernel = torch.as_tensor(filters[index], dtype=t.dtype)
        out = F.conv2d(out, kernel.reshape(1, 1, 3, 3), padding=1)
    out = out.reshape(t.shape)
    return out if is_torch else out.numpy().astype(np.float64)
