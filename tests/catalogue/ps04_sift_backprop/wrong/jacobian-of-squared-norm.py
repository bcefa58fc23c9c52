"""The Jacobian of d / ||d||^2 (I / ||d||^2 - 2 d d^T / ||d||^4) instead of d / ||d||."""
import torch


def l2_normalize_jacobian(d):
    n2 = (d**2).sum()
    return torch.eye(d.shape[0], dtype=d.dtype) / n2 - 2 * torch.outer(d, d) / n2**2
