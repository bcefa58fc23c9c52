"""The same formula through torch.hypot squared."""
import torch


def atan2_derivatives(dy, dx):
    r2 = torch.hypot(dx, dy) ** 2
    return dx / r2, -dy / r2
