"""Blurs each level from the previous one with sigma_inc = sqrt(sigma_{i+1}^2 - sigma_i^2),
as SIFT implementations do, instead of blurring the image itself: with truncated kernels
and a border at every step the levels differ from a direct blur (by about 1e-4 here)."""
import math

import torch
import torch.nn.functional as F


def difference_of_gaussians(img, sigmas):
    def blur(x, s):
        k = gaussian_kernel(s).to(x.dtype)  # noqa: F821 - the notebook's own
        r = k.shape[0] // 2
        return F.conv2d(F.pad(x[None, None], (r, r, r, r), mode="reflect"), k[None, None])[0, 0]

    levels = [blur(img, sigmas[0])]
    for previous, s in zip(sigmas, sigmas[1:]):
        levels.append(blur(levels[-1], math.sqrt(s**2 - previous**2)))
    return torch.stack([b - a for a, b in zip(levels, levels[1:])])
