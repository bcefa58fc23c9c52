"""The algebraic sigmoid x / sqrt(1 + (x / t)^2): below t, increasing, smooth, and within
0.5 % of x for |x| <= 0.1 t."""
import torch


def soft_clip(x, threshold):
    return x / torch.sqrt(1 + (x / threshold) ** 2)
