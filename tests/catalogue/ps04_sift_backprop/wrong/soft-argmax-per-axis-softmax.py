"""A separate softmax per axis over the maximum along the other two axes: it also tends to
the argmax, but it is not the expected offset under softmax(beta v) over all 27 samples."""
import torch


def soft_argmax_3d(volume, beta):
    o = torch.tensor([-1.0, 0.0, 1.0], dtype=volume.dtype)
    out = []
    for axis in range(3):
        others = tuple(a for a in range(3) if a != axis)
        profile = volume.amax(dim=others)
        out.append((torch.softmax(beta * profile, dim=0) * o).sum())
    return torch.stack(out)
