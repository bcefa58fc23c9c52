"""RIGHT (normalize_descriptor): norms as rsqrt of the sum of squares along the last axis (keepdim), the
clip as torch.where(v > clip, clip, v) (the same values and the same a.e. gradient as min), on a
flattened (-1, n) view reshaped back - so any leading shape works.
"""
import torch


def normalize_descriptor(d, clip=0.2):
    shape = d.shape
    flat = d.reshape(-1, shape[-1])
    v = flat * torch.rsqrt((flat * flat).sum(dim=1, keepdim=True))
    v = torch.where(v > clip, torch.full_like(v, clip), v)
    out = v * torch.rsqrt((v * v).sum(dim=1, keepdim=True))
    return out.reshape(shape)
