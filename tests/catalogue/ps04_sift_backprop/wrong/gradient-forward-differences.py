"""Forward differences L[x+1] - L[x] instead of central differences L[x+1] - L[x-1]."""
import torch


def gradient_magnitude_orientation(L):
    dx = L[1:-1, 2:] - L[1:-1, 1:-1]
    dy = L[2:, 1:-1] - L[1:-1, 1:-1]
    return torch.sqrt(dx**2 + dy**2), torch.atan2(dy, dx)
