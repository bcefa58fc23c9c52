"""RIGHT (atan2_derivatives): the formulas d theta / d dy = dx / (dx^2 + dy^2), d theta / d dx =
-dy / (dx^2 + dy^2) with torch.addcmul and torch.reciprocal; out-of-place, same shape and dtype as the
inputs, tuple in the order (d/d dy, d/d dx).
"""
import torch


def atan2_derivatives(dy, dx):
    inv_r2 = torch.reciprocal(torch.addcmul(dx * dx, dy, dy))
    return torch.mul(dx, inv_r2), torch.mul(dy, inv_r2).neg()
