"""Flattens with .view(-1), which raises on a non-contiguous volume (a permuted view)."""
import torch


def soft_argmax_3d(volume, beta):
    p = torch.softmax(beta * volume.view(-1), dim=0).view(3, 3, 3)
    o = torch.tensor([-1.0, 0.0, 1.0], dtype=volume.dtype)
    return torch.stack([(p.sum(dim=(1, 2)) * o).sum(), (p.sum(dim=(0, 2)) * o).sum(), (p.sum(dim=(0, 1)) * o).sum()])
