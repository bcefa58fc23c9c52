"""RIGHT (gradient_magnitude_orientation): torch.gradient (spacing 1) returns the *halved* central
differences (L[x+1] - L[x-1]) / 2 in the interior; multiplying by 2 (exact in binary floating point)
gives the statement's unhalved dx, dy; the border values (one-sided) are cropped away.
"""
import torch


def gradient_magnitude_orientation(L):
    gy, gx = torch.gradient(L, dim=(0, 1))
    dx = 2 * gx[1:-1, 1:-1]
    dy = 2 * gy[1:-1, 1:-1]
    return torch.sqrt(dx * dx + dy * dy), torch.atan2(dy, dx)
