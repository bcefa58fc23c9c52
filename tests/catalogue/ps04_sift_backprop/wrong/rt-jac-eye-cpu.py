"""WRONG (l2_normalize_jacobian): builds the identity with torch.eye(n, dtype=d.dtype) on the default
device, so a CUDA d raises (CPU + CUDA tensors) - and the Jacobian is not on d's device.

On a CPU-only grader every check passes; only a device test or a GPU run catches it.
"""
import torch


def l2_normalize_jacobian(d):
    n = torch.linalg.vector_norm(d)
    col = d.view(-1, 1)
    return (torch.eye(d.shape[0], dtype=d.dtype) * n ** 2 - col @ col.T) / n ** 3
