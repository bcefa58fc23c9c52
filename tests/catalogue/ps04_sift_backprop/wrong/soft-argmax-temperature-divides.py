"""softmax(volume / beta): beta used as a temperature instead of an inverse temperature,
so the offset tends to the centre, not to the argmax, as beta grows."""
import torch


def soft_argmax_3d(volume, beta):
    p = torch.softmax(volume.reshape(-1) / max(beta, 1e-12), dim=0).reshape(3, 3, 3)
    o = torch.tensor([-1.0, 0.0, 1.0], dtype=volume.dtype)
    return torch.stack([(p.sum(dim=(1, 2)) * o).sum(), (p.sum(dim=(0, 2)) * o).sum(), (p.sum(dim=(0, 1)) * o).sum()])
