"""F.normalize twice (it divides by max(norm, 1e-12)) with torch.minimum against a tensor."""
import torch
import torch.nn.functional as F


def normalize_descriptor(d, clip=0.2):
    v = F.normalize(d, p=2.0, dim=-1)
    v = torch.minimum(v, torch.tensor(clip, dtype=d.dtype))
    return F.normalize(v, p=2.0, dim=-1)
