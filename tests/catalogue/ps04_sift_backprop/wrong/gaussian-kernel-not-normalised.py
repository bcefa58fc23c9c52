"""Uses the continuous normalisation 1 / (2 pi sigma^2) instead of dividing by the sum on
the truncated grid: the kernel sums to slightly less than 1 (0.9995 for sigma = 1)."""
import math

import torch


def gaussian_kernel(sigma, radius=None):
    r = math.ceil(3 * sigma) if radius is None else radius
    x = torch.arange(-r, r + 1, dtype=torch.float64)
    g = torch.exp(-(x[:, None] ** 2 + x[None, :] ** 2) / (2 * sigma**2))
    return g / (2 * math.pi * sigma**2)
