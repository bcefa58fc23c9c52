"""The angle in degrees (as OpenCV's keypoint.angle) instead of radians."""
import torch


def gradient_magnitude_orientation(L):
    dx = L[1:-1, 2:] - L[1:-1, :-2]
    dy = L[2:, 1:-1] - L[:-2, 1:-1]
    return torch.sqrt(dx**2 + dy**2), torch.rad2deg(torch.atan2(dy, dx))
