"""Flattens the last feature map into a Linear(width * 32 * 32, ...) instead of pooling it globally: more
parameters, and the network breaks on any other image size."""
import torch.nn as nn


def make_net(depth, residual, num_classes=5, width=16):
    blocks = [ResidualBlock(width, width) if residual else PlainBlock(width) for _ in range(depth)]  # noqa: F821
    return nn.Sequential(nn.Conv2d(3, width, 3, padding=1), nn.ReLU(), *blocks,
                         nn.Flatten(), nn.Linear(width * 32 * 32, num_classes))
