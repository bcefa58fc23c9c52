"""A sign error: I / ||d|| + d d^T / ||d||^3."""
import torch


def l2_normalize_jacobian(d):
    n = torch.linalg.vector_norm(d)
    return torch.eye(d.shape[0], dtype=d.dtype) / n + torch.outer(d, d) / n**3
