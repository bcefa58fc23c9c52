"""WRONG (Part B, apply_chain): a float32 NumPy image is filtered and returned in float32.

The result dtype follows x for floating inputs (np.result_type(x, float32)), which is
float64 for float64 and integer images but float32 for float32 ones.  The contract
says NumPy in, NumPy float64 out.  The visible NumPy tests use float64 images.
"""
import numpy as np
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
    dtype = x.dtype if np.issubdtype(x.dtype, np.floating) else np.float64
    out = x.astype(dtype)
    for index in order:
        k = np.asarray(filters[index], dtype=dtype)
        padded = np.pad(out, [(0, 0)] * (out.ndim - 2) + [(1, 1), (1, 1)])
        h, w = out.shape[-2:]
        out = sum(k[a, b] * padded[..., a:a + h, b:b + w] for a in range(3) for b in range(3))
    return out
