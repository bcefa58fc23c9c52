"""RIGHT (l2_normalize_jacobian): the docstring's form (I ||d||^2 - d d^T) / ||d||^3 with torch.outer,
torch.eye of d's dtype and device. No autograd.
"""
import torch


def l2_normalize_jacobian(d):
    sq = torch.dot(d, d)
    norm = torch.sqrt(sq)
    eye = torch.eye(d.shape[0], dtype=d.dtype, device=d.device)
    return (eye * sq - torch.outer(d, d)) / (norm * sq)
