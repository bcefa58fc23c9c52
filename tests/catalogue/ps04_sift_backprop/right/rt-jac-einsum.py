"""RIGHT (l2_normalize_jacobian): J_ij = delta_ij / ||d|| - d_i d_j / ||d||^3 via torch.einsum for the
outer product; the norm computed with torch.linalg.norm. Returns a tensor of d's dtype and device.
"""
import torch


def l2_normalize_jacobian(d):
    n = torch.linalg.norm(d)
    outer = torch.einsum("i,j->ij", d, d)
    return torch.eye(d.numel(), dtype=d.dtype, device=d.device) / n - outer / n ** 3
