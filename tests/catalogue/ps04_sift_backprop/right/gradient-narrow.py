"""torch.narrow slices and torch.linalg.vector_norm over a stacked (dx, dy) axis."""
import torch


def gradient_magnitude_orientation(L):
    H, W = L.shape
    centre_rows = L.narrow(0, 1, H - 2)
    centre_cols = L.narrow(1, 1, W - 2)
    dx = centre_rows.narrow(1, 2, W - 2) - centre_rows.narrow(1, 0, W - 2)
    dy = centre_cols.narrow(0, 2, H - 2) - centre_cols.narrow(0, 0, H - 2)
    return torch.linalg.vector_norm(torch.stack([dx, dy]), dim=0), torch.atan2(dy, dx)
