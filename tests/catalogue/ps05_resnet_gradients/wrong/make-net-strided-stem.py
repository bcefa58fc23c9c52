"""A stem with stride 2, as ResNet-18's: it halves the image before the blocks; the statement's stem keeps
the size (stride 1)."""
import torch.nn as nn


def make_net(depth, residual, num_classes=5, width=16):
    blocks = [ResidualBlock(width, width) if residual else PlainBlock(width) for _ in range(depth)]  # noqa: F821
    return nn.Sequential(nn.Conv2d(3, width, 3, stride=2, padding=1), nn.ReLU(), *blocks,
                         nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(width, num_classes))
