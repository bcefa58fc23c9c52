"""Normalises by the L1 norm (the sum) instead of the L2 norm."""
import torch


def normalize_descriptor(d, clip=0.2):
    v = d / d.abs().sum(dim=-1, keepdim=True)
    v = torch.clamp(v, max=clip)
    return v / v.abs().sum(dim=-1, keepdim=True)
