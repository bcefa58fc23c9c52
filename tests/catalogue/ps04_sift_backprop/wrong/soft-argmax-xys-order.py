"""Returns the offset in (dx, dy, ds) order instead of (ds, dy, dx)."""
import torch


def soft_argmax_3d(volume, beta):
    p = torch.softmax(beta * volume.reshape(-1), dim=0).reshape(3, 3, 3)
    o = torch.tensor([-1.0, 0.0, 1.0], dtype=volume.dtype)
    ds, dy, dx = (p.sum(dim=(1, 2)) * o).sum(), (p.sum(dim=(0, 2)) * o).sum(), (p.sum(dim=(0, 1)) * o).sum()
    return torch.stack([dx, dy, ds])
