"""RIGHT (soft_argmax_3d): p = exp(log_softmax(beta * volume.flatten())) (log_softmax is computed
stably), offsets from torch.meshgrid(..., indexing="ij") over [s, y, x], each component as
(p * grid).sum(). Works for float32 and float64, non-contiguous views, beta = 0 and beta = 1e4.
"""
import torch


def soft_argmax_3d(volume, beta):
    p = torch.log_softmax(beta * volume.flatten(), dim=0).exp().reshape(3, 3, 3)
    axis = torch.tensor([-1.0, 0.0, 1.0], dtype=volume.dtype, device=volume.device)
    ss, yy, xx = torch.meshgrid(axis, axis, axis, indexing="ij")
    return torch.stack([(p * ss).sum(), (p * yy).sum(), (p * xx).sum()])
