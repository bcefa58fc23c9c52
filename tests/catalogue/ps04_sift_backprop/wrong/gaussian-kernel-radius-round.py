"""Radius round(3 sigma) instead of ceil(3 sigma): 2 instead of 3 for sigma = 0.8."""
import torch


def gaussian_kernel(sigma, radius=None):
    r = round(3 * sigma) if radius is None else radius
    x = torch.arange(-r, r + 1, dtype=torch.float64)
    g = torch.exp(-x**2 / (2 * sigma**2))
    g = g / g.sum()
    return torch.outer(g, g)
