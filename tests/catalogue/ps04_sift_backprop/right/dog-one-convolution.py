"""All levels in one conv2d: pad once with the largest radius, zero-pad the smaller kernels
to the largest size, stack them as output channels, and difference along the channels."""
import math

import torch
import torch.nn.functional as F


def difference_of_gaussians(img, sigmas):
    R = max(math.ceil(3 * s) for s in sigmas)
    weights = []
    for s in sigmas:
        k = gaussian_kernel(s).to(dtype=img.dtype, device=img.device)  # noqa: F821 - the notebook's own
        p = R - k.shape[0] // 2
        weights.append(F.pad(k, (p, p, p, p)))
    weight = torch.stack(weights)[:, None]  # (n, 1, 2R + 1, 2R + 1)
    levels = F.conv2d(F.pad(img[None, None], (R, R, R, R), mode="reflect"), weight)[0]
    return levels[1:] - levels[:-1]
