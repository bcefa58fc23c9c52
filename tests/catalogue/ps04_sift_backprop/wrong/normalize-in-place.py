"""Normalises the caller's tensor in place (d /= norm, clamp_): the input is changed."""
import torch


def normalize_descriptor(d, clip=0.2):
    with torch.no_grad():
        d /= torch.linalg.vector_norm(d, dim=-1, keepdim=True)
        d.clamp_(max=clip)
        d /= torch.linalg.vector_norm(d, dim=-1, keepdim=True)
    return d
