"""Central differences as two valid convolutions with [-1, 0, 1] kernels, then torch.hypot."""
import torch
import torch.nn.functional as F


def gradient_magnitude_orientation(L):
    x = L[None, None]
    kx = torch.tensor([[0.0, 0.0, 0.0], [-1.0, 0.0, 1.0], [0.0, 0.0, 0.0]], dtype=L.dtype)
    dx = F.conv2d(x, kx[None, None])[0, 0]
    dy = F.conv2d(x, kx.T.contiguous()[None, None])[0, 0]
    return torch.hypot(dx, dy), torch.atan2(dy, dx)
