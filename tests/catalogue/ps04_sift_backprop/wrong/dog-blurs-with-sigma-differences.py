"""Blurs the image once per pair with sigma_{i+1} - sigma_i and subtracts the image: a
confusion of the DoG with a blur by the difference of the widths."""
import torch
import torch.nn.functional as F


def difference_of_gaussians(img, sigmas):
    out = []
    for a, b in zip(sigmas, sigmas[1:]):
        k = gaussian_kernel(b - a).to(img.dtype)  # noqa: F821 - the notebook's own
        r = k.shape[0] // 2
        out.append(F.conv2d(F.pad(img[None, None], (r, r, r, r), mode="reflect"), k[None, None])[0, 0] - img)
    return torch.stack(out)
