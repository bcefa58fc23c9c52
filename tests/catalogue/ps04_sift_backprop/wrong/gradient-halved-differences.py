"""Halved central differences, (L[x+1] - L[x-1]) / 2, as numpy.gradient computes them;
the pinned (and Lowe's) differences are not halved, so the magnitude is half as large."""
import torch


def gradient_magnitude_orientation(L):
    dx = (L[1:-1, 2:] - L[1:-1, :-2]) / 2
    dy = (L[2:, 1:-1] - L[:-2, 1:-1]) / 2
    return torch.sqrt(dx**2 + dy**2), torch.atan2(dy, dx)
