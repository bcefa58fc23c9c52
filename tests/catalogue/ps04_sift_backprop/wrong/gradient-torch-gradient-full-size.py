"""torch.gradient: halved differences, one-sided at the border, and the full (H, W) size
instead of the interior (H - 2, W - 2)."""
import torch


def gradient_magnitude_orientation(L):
    dy, dx = torch.gradient(L)
    return torch.sqrt(dx**2 + dy**2), torch.atan2(dy, dx)
