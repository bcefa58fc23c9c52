"""Circular padding (the image wraps around) instead of reflect padding."""
import torch
import torch.nn.functional as F


def difference_of_gaussians(img, sigmas):
    levels = []
    for s in sigmas:
        k = gaussian_kernel(s).to(img.dtype)  # noqa: F821 - the notebook's own
        r = k.shape[0] // 2
        levels.append(F.conv2d(F.pad(img[None, None], (r, r, r, r), mode="circular"), k[None, None])[0, 0])
    return torch.stack([b - a for a, b in zip(levels, levels[1:])])
