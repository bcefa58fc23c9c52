"""Always clips at 0.2; the clip argument is ignored."""
import torch


def normalize_descriptor(d, clip=0.2):
    v = d / torch.linalg.vector_norm(d, dim=-1, keepdim=True)
    v = torch.clamp(v, max=0.2)
    return v / torch.linalg.vector_norm(v, dim=-1, keepdim=True)
