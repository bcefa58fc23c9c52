"""WRONG (normalize_descriptor): skips the second normalisation when "nothing was clipped", testing
only the first row of a batch (v[..., 0, :] or v itself for 1-D) - so a batch whose first row needs no
clipping is returned after a single normalisation for every row, even rows that were clipped.

For 1-D inputs it is exactly right (visible checks pass).
"""
import torch


def normalize_descriptor(d, clip=0.2):
    v = d / torch.linalg.vector_norm(d, dim=-1, keepdim=True)
    first = v if v.dim() == 1 else v.reshape(-1, v.shape[-1])[0]
    if bool((first <= clip).all()):
        return v
    v = torch.clamp(v, max=clip)
    return v / torch.linalg.vector_norm(v, dim=-1, keepdim=True)
