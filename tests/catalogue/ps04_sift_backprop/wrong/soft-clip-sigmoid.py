"""t sigmoid(x / t): smooth, increasing and below t, but it maps 0 to t / 2."""
import torch


def soft_clip(x, threshold):
    return threshold * torch.sigmoid(x / threshold)
