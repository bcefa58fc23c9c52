"""I / ||d|| - d d^T / ||d||^2: the outer term divided by ||d||^2 instead of ||d||^3 (right
only when ||d|| = 1)."""
import torch


def l2_normalize_jacobian(d):
    n = torch.linalg.vector_norm(d)
    return torch.eye(d.shape[0], dtype=d.dtype) / n - torch.outer(d, d) / n**2
