"""Computes in float64 whatever the input: a float32 descriptor gets a float64 Jacobian."""
import torch


def l2_normalize_jacobian(d):
    d = d.double()
    n = torch.linalg.vector_norm(d)
    return (torch.eye(d.shape[0], dtype=torch.float64) * n**2 - torch.outer(d, d)) / n**3
