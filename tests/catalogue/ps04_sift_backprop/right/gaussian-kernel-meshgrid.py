"""The 2-D exponent on a meshgrid, normalised by the 2-D sum (equal to the outer product)."""
import math

import torch


def gaussian_kernel(sigma, radius=None):
    r = int(math.ceil(3.0 * sigma)) if radius is None else radius
    offsets = torch.arange(-r, r + 1, dtype=torch.float64)
    yy, xx = torch.meshgrid(offsets, offsets, indexing="ij")
    kernel = torch.exp(-(xx**2 + yy**2) / (2.0 * sigma * sigma))
    return kernel / kernel.sum()
