"""WRONG (Part B, apply_chain): NumPy filters become CPU tensors whatever x's device.

torch.as_tensor(k, dtype=x.dtype) with no device= puts the kernel on the CPU, so a CUDA
x raises "Expected all tensors to be on the same device".  The contract: the result
has the dtype and device of x.  The visible tests run on the CPU only; a hidden test
under course_utils.SimulatedCuda (or a real GPU) fails.
"""
import numpy as np
import torch
import torch.nn.functional as F


def apply_chain(x, filters, order):
    if isinstance(x, torch.Tensor):
        out = x.reshape(-1, 1, *x.shape[-2:])
        for index in order:
            k = torch.as_tensor(filters[index], dtype=x.dtype).reshape(1, 1, 3, 3)
            out = F.conv2d(out, k, padding=1)
        return out.reshape(x.shape)
    out = np.asarray(x, dtype=np.float64)
    for index in order:
        k = np.asarray(filters[index], dtype=np.float64)
        padded = np.pad(out, [(0, 0)] * (out.ndim - 2) + [(1, 1), (1, 1)])
        h, w = out.shape[-2:]
        out = sum(k[a, b] * padded[..., a:a + h, b:b + w] for a in range(3) for b in range(3))
    return out
