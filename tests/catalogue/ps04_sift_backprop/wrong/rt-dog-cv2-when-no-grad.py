"""WRONG (difference_of_gaussians): uses cv2.GaussianBlur through NumPy whenever the image does not
require grad ("faster"), torch only when it does.

Values equal the reference (OpenCV is the reference), gradcheck runs the torch path, so every visible
test passes. But it violates "only torch operations", returns a tensor on the CPU for a GPU image (and
crashes with .numpy() on CUDA), and silently breaks gradients if the caller enables requires_grad later
on an intermediate (e.g. an image computed from a parameter under torch.no_grad checks).
"""
import math

import cv2
import numpy as np
import torch
import torch.nn.functional as F


def difference_of_gaussians(img, sigmas):
    def kernel(sigma, r):
        x = torch.arange(-r, r + 1, dtype=torch.float64)
        g = torch.exp(-x ** 2 / (2 * sigma ** 2))
        g = g / g.sum()
        return torch.outer(g, g)

    if not img.requires_grad:
        a = img.numpy()
        bl = [cv2.GaussianBlur(a, (2 * math.ceil(3 * s) + 1,) * 2, s) for s in sigmas]
        return torch.from_numpy(np.stack([bl[i + 1] - bl[i] for i in range(len(bl) - 1)]))
    levels = []
    for s in sigmas:
        r = math.ceil(3 * s)
        k = kernel(s, r).to(img.dtype)
        levels.append(F.conv2d(F.pad(img[None, None], (r, r, r, r), mode="reflect"), k[None, None])[0, 0])
    return torch.stack([levels[i + 1] - levels[i] for i in range(len(levels) - 1)])
