"""exp(-x^2 / (2 sigma)): sigma used as the variance, not the standard deviation (right
only for sigma = 1)."""
import math

import torch


def gaussian_kernel(sigma, radius=None):
    r = math.ceil(3 * sigma) if radius is None else radius
    x = torch.arange(-r, r + 1, dtype=torch.float64)
    g = torch.exp(-x**2 / (2 * sigma))
    g = g / g.sum()
    return torch.outer(g, g)
