"""WRONG (atan2_derivatives): differentiates atan(dy / dx) - d/ddy = (1/dx) / (1 + (dy/dx)^2),
d/ddx = (-dy/dx^2) / (1 + (dy/dx)^2) - and special-cases dx == 0 with the limits (0, -1/dy).

Equal to the formulas wherever it is evaluated in moderate ranges (visible checks, including dx = 0,
pass); for |dy/dx| large but finite (dx ~ 1e-160) (dy/dx)^2 overflows to inf and both derivatives
become 0 instead of (dx/r^2, -1/dy); for tiny dx the squares underflow.
"""
import torch


def atan2_derivatives(dy, dx):
    safe = torch.where(dx == 0, torch.ones_like(dx), dx)
    t = dy / safe
    denom = 1 + t * t
    ddy = torch.where(dx == 0, torch.zeros_like(dx), (1 / safe) / denom)
    ddx = torch.where(dx == 0, -1 / dy, (-dy / safe ** 2) / denom)
    return ddy, ddx
