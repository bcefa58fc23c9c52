"""J = (I - y y^T) / ||d|| with y = d / ||d||."""
import torch


def l2_normalize_jacobian(d):
    norm = d.norm()
    y = d / norm
    return (torch.eye(len(d), dtype=d.dtype, device=d.device) - y[:, None] * y[None, :]) / norm
