"""Always uses ceil(3 sigma): the radius argument is ignored."""
import math

import torch


def gaussian_kernel(sigma, radius=None):
    r = math.ceil(3 * sigma)
    x = torch.arange(-r, r + 1, dtype=torch.float64)
    g = torch.exp(-x**2 / (2 * sigma**2))
    g = g / g.sum()
    return torch.outer(g, g)
