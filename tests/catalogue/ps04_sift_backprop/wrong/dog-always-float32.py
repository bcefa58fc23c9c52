"""Converts the image to float32 first: a float64 image comes back in float32, rounded."""
import torch
import torch.nn.functional as F


def difference_of_gaussians(img, sigmas):
    img = img.float()
    levels = []
    for s in sigmas:
        k = gaussian_kernel(s).float()  # noqa: F821 - the notebook's own
        r = k.shape[0] // 2
        levels.append(F.conv2d(F.pad(img[None, None], (r, r, r, r), mode="reflect"), k[None, None])[0, 0])
    return torch.stack([b - a for a, b in zip(levels, levels[1:])])
