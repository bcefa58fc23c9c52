"""Zero padding (F.conv2d(..., padding=r)) instead of reflect padding: right in the
interior, too dark near the border, so it disagrees with cv2.GaussianBlur there."""
import torch
import torch.nn.functional as F


def difference_of_gaussians(img, sigmas):
    levels = []
    for s in sigmas:
        k = gaussian_kernel(s).to(img.dtype)  # noqa: F821 - the notebook's own
        r = k.shape[0] // 2
        levels.append(F.conv2d(img[None, None], k[None, None], padding=r)[0, 0])
    return torch.stack([b - a for a, b in zip(levels, levels[1:])])
