"""WRONG (atan2_derivatives): adds 1e-12 to dx^2 + dy^2 "to avoid division by zero".

Inputs are never both zero (contract), so the epsilon is not needed, and it is harmless for values of
order 1 (visible random normals: relative error 1e-12). For small inputs (|d| ~ 1e-5, r^2 ~ 1e-10) the
derivatives are off by ~1 %.
"""
import torch


def atan2_derivatives(dy, dx):
    r2 = dx * dx + dy * dy + 1e-12
    return dx / r2, -dy / r2
