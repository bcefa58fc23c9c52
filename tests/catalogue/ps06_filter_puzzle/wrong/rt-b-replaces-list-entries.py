"""WRONG (Part B, apply_chain): converts the filters in place in the caller's list.

`filters[i] = np.asarray(filters[i], float)` (or a tensor) rebinds the entries of the
list the caller passed: after the call their list holds new objects (float copies, or
tensors on x's device), e.g. the caller's nested lists have become arrays.  The
contract says leave all inputs unchanged.  The values are unchanged, so a test that
only compares values before and after (and all visible tests) see nothing.
"""
import numpy as np
import torch
import torch.nn.functional as F


def apply_chain(x, filters, order):
    torch_in = isinstance(x, torch.Tensor)
    for i in range(len(filters)):
        if torch_in:
            filters[i] = torch.as_tensor(filters[i], dtype=x.dtype, device=x.device)
        else:
            filters[i] = np.asarray(filters[i], dtype=np.float64)
    if torch_in:
        out = x.reshape(-1, 1, *x.shape[-2:])
        for index in order:
            out = F.conv2d(out, filters[index].reshape(1, 1, 3, 3), padding=1)
        return out.reshape(x.shape)
    out = np.asarray(x, dtype=np.float64)
    for index in order:
        k = filters[index]
        padded = np.pad(out, [(0, 0)] * (out.ndim - 2) + [(1, 1), (1, 1)])
        h, w = out.shape[-2:]
        out = sum(k[a, b] * padded[..., a:a + h, b:b + w] for a in range(3) for b in range(3))
    return out
