"""Radius int(3 sigma) (rounded down) instead of ceil(3 sigma): 4 instead of 5 for sigma = 1.5."""
import torch


def gaussian_kernel(sigma, radius=None):
    r = int(3 * sigma) if radius is None else radius
    x = torch.arange(-r, r + 1, dtype=torch.float64)
    g = torch.exp(-x**2 / (2 * sigma**2))
    g = g / g.sum()
    return torch.outer(g, g)
