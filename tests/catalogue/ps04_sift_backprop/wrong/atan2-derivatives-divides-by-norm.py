"""Divides by the norm sqrt(dx^2 + dy^2) instead of its square."""
import torch


def atan2_derivatives(dy, dx):
    r = torch.sqrt(dx**2 + dy**2)
    return dx / r, -dy / r
