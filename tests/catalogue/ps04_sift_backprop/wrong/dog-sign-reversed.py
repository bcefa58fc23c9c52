"""D[i] = L(sigma_i) - L(sigma_{i+1}): the difference taken the other way round."""
import torch
import torch.nn.functional as F


def difference_of_gaussians(img, sigmas):
    levels = []
    for s in sigmas:
        k = gaussian_kernel(s).to(img.dtype)  # noqa: F821 - the notebook's own
        r = k.shape[0] // 2
        levels.append(F.conv2d(F.pad(img[None, None], (r, r, r, r), mode="reflect"), k[None, None])[0, 0])
    return torch.stack([a - b for a, b in zip(levels, levels[1:])])
