"""The seed's soft clip (t tanh(x / t) + t) / 2: smooth and below t, but it maps 0 to t / 2,
far from the identity near 0."""
import torch


def soft_clip(x, threshold):
    return (threshold * torch.tanh(x / threshold) + threshold) / 2
