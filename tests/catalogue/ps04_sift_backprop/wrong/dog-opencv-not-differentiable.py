"""Blurs with cv2.GaussianBlur on a NumPy copy: the values are right, but the result is a
new tensor with no autograd history, so no gradient reaches the image."""
import math

import cv2
import numpy as np
import torch


def difference_of_gaussians(img, sigmas):
    image = img.detach().cpu().numpy()
    levels = [cv2.GaussianBlur(image, (2 * math.ceil(3 * s) + 1,) * 2, s) for s in sigmas]
    return torch.from_numpy(np.stack([b - a for a, b in zip(levels, levels[1:])])).to(img.dtype)
