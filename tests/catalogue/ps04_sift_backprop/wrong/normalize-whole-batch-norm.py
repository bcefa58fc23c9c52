"""Divides a batch by the norm of the whole batch instead of each row by its own norm."""
import torch


def normalize_descriptor(d, clip=0.2):
    v = d / torch.linalg.vector_norm(d)
    v = torch.clamp(v, max=clip)
    return v / torch.linalg.vector_norm(v)
