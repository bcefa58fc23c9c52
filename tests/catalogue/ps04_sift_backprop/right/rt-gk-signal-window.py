"""RIGHT (gaussian_kernel): torch.signal.windows.gaussian(2r + 1, std=sigma, sym=True, dtype=float64) -
the unnormalised 1-D Gaussian on offsets -r..r - normalised to sum 1, then torch.outer.
"""
import math

import torch


def gaussian_kernel(sigma, radius=None):
    r = math.ceil(3 * sigma) if radius is None else int(radius)
    if r == 0:
        return torch.ones(1, 1, dtype=torch.float64)
    g = torch.signal.windows.gaussian(2 * r + 1, std=float(sigma), sym=True, dtype=torch.float64)
    g = g / g.sum()
    return torch.outer(g, g)
