"""WRONG (normalize_descriptor): handles "a single descriptor or a batch" as exactly 1-D or 2-D: the axis
is 1 for 2-D input and 0 otherwise, so a (B, N, n) stack (the contract says (..., n)) is normalised
along its first axis.

1-D (visible) and 2-D (the likely hidden batch) inputs are right; only a 3-D input exposes it.
"""
import torch


def normalize_descriptor(d, clip=0.2):
    dim = 1 if d.dim() == 2 else 0
    v = d / torch.linalg.vector_norm(d, dim=dim, keepdim=True)
    v = torch.clamp(v, max=clip)
    return v / torch.linalg.vector_norm(v, dim=dim, keepdim=True)
