"""Clips the raw histogram at 0.2 before the first normalisation: with counts in the
hundreds almost every entry becomes 0.2 and the descriptor turns flat."""
import torch


def normalize_descriptor(d, clip=0.2):
    v = torch.clamp(d, max=clip)
    v = v / torch.linalg.vector_norm(v, dim=-1, keepdim=True)
    return v / torch.linalg.vector_norm(v, dim=-1, keepdim=True)
