"""theta = atan2(dx, dy): the arguments the wrong way round (the angle from the y-axis)."""
import torch


def gradient_magnitude_orientation(L):
    dx = L[1:-1, 2:] - L[1:-1, :-2]
    dy = L[2:, 1:-1] - L[:-2, 1:-1]
    return torch.sqrt(dx**2 + dy**2), torch.atan2(dx, dy)
