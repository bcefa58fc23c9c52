"""Separable blur: a 1-D Gaussian along x, then along y, each with reflect padding (the
same as one 2-D convolution with 2-D reflect padding)."""
import math

import torch
import torch.nn.functional as F


def difference_of_gaussians(img, sigmas):
    x = img[None, None]
    levels = []
    for s in sigmas:
        r = math.ceil(3 * s)
        t = torch.arange(-r, r + 1, dtype=img.dtype, device=img.device)
        g = torch.exp(-t**2 / (2 * s * s))
        g = g / g.sum()
        rows = F.conv2d(F.pad(x, (r, r, 0, 0), mode="reflect"), g.view(1, 1, 1, -1))
        both = F.conv2d(F.pad(rows, (0, 0, r, r), mode="reflect"), g.view(1, 1, -1, 1))
        levels.append(both[0, 0])
    return torch.stack([b - a for a, b in zip(levels, levels[1:])])
