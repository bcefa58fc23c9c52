"""Norms as sqrt(sum of squares + 1e-12), a clamp from both sides (the entries are
non-negative, so the lower bound never acts)."""
import torch


def normalize_descriptor(d, clip=0.2):
    v = d / torch.sqrt((d * d).sum(dim=-1, keepdim=True) + 1e-12)
    v = v.clamp(-clip, clip)
    return v / torch.sqrt((v * v).sum(dim=-1, keepdim=True) + 1e-12)
