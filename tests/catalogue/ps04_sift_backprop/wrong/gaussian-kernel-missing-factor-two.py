"""exp(-x^2 / sigma^2): the factor 2 of the Gaussian is missing (a kernel of width sigma / sqrt 2)."""
import math

import torch


def gaussian_kernel(sigma, radius=None):
    r = math.ceil(3 * sigma) if radius is None else radius
    x = torch.arange(-r, r + 1, dtype=torch.float64)
    g = torch.exp(-x**2 / sigma**2)
    g = g / g.sum()
    return torch.outer(g, g)
