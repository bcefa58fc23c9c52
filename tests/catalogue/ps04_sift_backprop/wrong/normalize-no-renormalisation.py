"""Normalises and clips but forgets the second normalisation: the result is shorter than 1
whenever an entry was clipped."""
import torch


def normalize_descriptor(d, clip=0.2):
    v = d / torch.linalg.vector_norm(d, dim=-1, keepdim=True)
    return torch.clamp(v, max=clip)
