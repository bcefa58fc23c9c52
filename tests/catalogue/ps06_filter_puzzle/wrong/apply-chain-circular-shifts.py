"""Neighbours taken with np.roll / torch.roll: the shifts wrap around, so the border sees the
opposite side of the image instead of zeros."""
import numpy as np
import torch


def apply_chain(x, filters, order):
    is_torch = isinstance(x, torch.Tensor)
    out = x if is_torch else np.asarray(x, dtype=np.float64)
    for index in order:
        kernel = filters[index]
        total = 0
        for a in range(3):
            for b in range(3):
                # roll(out, s)[i] = out[i - s], so s = 1 - a brings out[i + a - 1] to i
                if is_torch:
                    shifted = torch.roll(out, shifts=(1 - a, 1 - b), dims=(-2, -1))
                else:
                    shifted = np.roll(out, shift=(1 - a, 1 - b), axis=(-2, -1))
                weight = kernel[a][b]
                total = total + (weight if isinstance(weight, torch.Tensor) else float(weight)) * shifted
        out = total
    return out
