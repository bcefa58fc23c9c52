"""WRONG (difference_of_gaussians): ignores img.device: the kernel is always built on the CPU and the
result is computed there (img is moved with .cpu()), so a CUDA image gives a CPU result (the contract:
"of img's dtype (and device)").

On a CPU-only grader every test passes; a hidden device test (or a run on a GPU machine) fails.
"""
import math

import torch
import torch.nn.functional as F


def difference_of_gaussians(img, sigmas):
    def kernel(sigma, r):
        x = torch.arange(-r, r + 1, dtype=torch.float64)
        g = torch.exp(-x ** 2 / (2 * sigma ** 2))
        g = g / g.sum()
        return torch.outer(g, g)

    x = img.cpu()[None, None]
    levels = []
    for s in sigmas:
        r = math.ceil(3 * s)
        k = kernel(s, r).to(img.dtype)
        levels.append(F.conv2d(F.pad(x, (r, r, r, r), mode="reflect"), k[None, None])[0, 0])
    return torch.stack([levels[i + 1] - levels[i] for i in range(len(levels) - 1)])
