"""Returns a float32 kernel (torch's default dtype) instead of float64."""
import math

import torch


def gaussian_kernel(sigma, radius=None):
    r = math.ceil(3 * sigma) if radius is None else radius
    x = torch.arange(-r, r + 1, dtype=torch.float32)
    g = torch.exp(-x**2 / (2 * sigma**2))
    g = g / g.sum()
    return torch.outer(g, g)
