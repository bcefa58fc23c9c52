"""RIGHT (difference_of_gaussians): builds the reflect-101 padding by hand with index arithmetic
(index -k -> k, H-1+k -> H-1-k) and index_select, which is differentiable, then F.conv2d with the
default-radius kernel; the kernel from the notebook's gaussian_kernel is not needed. Equal to
F.pad(mode="reflect") for r < H, W.
"""
import math

import torch
import torch.nn.functional as F


def difference_of_gaussians(img, sigmas):
    H, W = img.shape

    def reflect_index(n, r):
        i = torch.arange(-r, n + r, device=img.device)
        i = i.abs()
        return torch.where(i > n - 1, 2 * (n - 1) - i, i)

    levels = []
    for s in sigmas:
        r = math.ceil(3 * s)
        t = torch.arange(-r, r + 1, dtype=torch.float64)
        g = torch.exp(-t * t / (2 * s * s))
        g = g / g.sum()
        k = torch.outer(g, g).to(dtype=img.dtype, device=img.device)
        padded = img.index_select(0, reflect_index(H, r)).index_select(1, reflect_index(W, r))
        levels.append(F.conv2d(padded[None, None], k[None, None])[0, 0])
    return torch.stack([b - a for a, b in zip(levels[:-1], levels[1:])])
