"""Uses the indices 0, 1, 2 as positions, giving the soft index of the maximum rather than
its offset from the centre (everything is 1 too large)."""
import torch


def soft_argmax_3d(volume, beta):
    p = torch.softmax(beta * volume.reshape(-1), dim=0).reshape(3, 3, 3)
    o = torch.tensor([0.0, 1.0, 2.0], dtype=volume.dtype)
    return torch.stack([(p.sum(dim=(1, 2)) * o).sum(), (p.sum(dim=(0, 2)) * o).sum(), (p.sum(dim=(0, 1)) * o).sum()])
