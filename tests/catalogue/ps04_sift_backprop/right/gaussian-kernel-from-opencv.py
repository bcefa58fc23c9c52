"""The 1-D kernel from cv2.getGaussianKernel, as the statement suggests, turned into a
torch float64 outer product."""
import math

import cv2
import numpy as np
import torch


def gaussian_kernel(sigma, radius=None):
    r = math.ceil(3 * sigma) if radius is None else radius
    g = cv2.getGaussianKernel(2 * r + 1, sigma, ktype=cv2.CV_64F)
    return torch.from_numpy(np.outer(g, g))
