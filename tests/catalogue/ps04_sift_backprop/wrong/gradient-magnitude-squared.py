"""Returns dx^2 + dy^2 (the squared magnitude) as m, without the square root."""
import torch


def gradient_magnitude_orientation(L):
    dx = L[1:-1, 2:] - L[1:-1, :-2]
    dy = L[2:, 1:-1] - L[:-2, 1:-1]
    return dx**2 + dy**2, torch.atan2(dy, dx)
