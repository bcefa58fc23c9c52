"""WRONG (gaussian_kernel): default radius ceil(3*sigma - 0.01) "to avoid float noise", so any sigma with
3*sigma within 0.01 above an integer rounds down (e.g. sigma = 1.002 -> 3 instead of 4, sigma = 0.335 ->
1 instead of 2).

Exact integers (sigma = 1, visible) and "ordinary" sigmas (1.5, 1.6, 2.0, 0.5) are unaffected; only a
sigma just above k/3 shows it, so a handful of hidden sigmas would likely miss it.
"""
import math

import torch


def gaussian_kernel(sigma, radius=None):
    r = math.ceil(3 * sigma - 0.01) if radius is None else radius
    x = torch.arange(-r, r + 1, dtype=torch.float64)
    g = torch.exp(-x ** 2 / (2 * sigma ** 2))
    g = g / g.sum()
    return torch.outer(g, g)
