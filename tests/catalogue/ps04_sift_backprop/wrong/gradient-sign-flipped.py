"""Differences taken backwards, L[x-1] - L[x+1]: the magnitude is right, every angle is
off by pi."""
import torch


def gradient_magnitude_orientation(L):
    dx = L[1:-1, :-2] - L[1:-1, 2:]
    dy = L[:-2, 1:-1] - L[2:, 1:-1]
    return torch.sqrt(dx**2 + dy**2), torch.atan2(dy, dx)
