"""The angle mapped to [0, 2 pi) (for a histogram) instead of atan2's [-pi, pi]."""
import math

import torch


def gradient_magnitude_orientation(L):
    dx = L[1:-1, 2:] - L[1:-1, :-2]
    dy = L[2:, 1:-1] - L[:-2, 1:-1]
    return torch.sqrt(dx**2 + dy**2), torch.remainder(torch.atan2(dy, dx), 2 * math.pi)
