"""WRONG (gradient_magnitude_orientation): m = sqrt(dx^2 + dy^2 + 1e-6) "to keep the square root
differentiable at 0", so a flat region has m = 1e-3 instead of 0, and every magnitude is biased.

The visible worked example (m = 2.83) is within tolerance (error 2e-7); a hidden test with zero
gradients (a constant image) gets 0.001 instead of 0.
"""
import torch


def gradient_magnitude_orientation(L):
    dx = L[1:-1, 2:] - L[1:-1, :-2]
    dy = L[2:, 1:-1] - L[:-2, 1:-1]
    return torch.sqrt(dx ** 2 + dy ** 2 + 1e-6), torch.atan2(dy, dx)
