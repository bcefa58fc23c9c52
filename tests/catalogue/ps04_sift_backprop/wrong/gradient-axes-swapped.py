"""dx taken along the rows and dy along the columns (axis 0 treated as x)."""
import torch


def gradient_magnitude_orientation(L):
    dx = L[2:, 1:-1] - L[:-2, 1:-1]
    dy = L[1:-1, 2:] - L[1:-1, :-2]
    return torch.sqrt(dx**2 + dy**2), torch.atan2(dy, dx)
