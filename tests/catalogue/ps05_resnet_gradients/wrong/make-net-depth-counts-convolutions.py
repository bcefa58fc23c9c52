"""Reads `depth` as the number of convolutions in the blocks, so it builds depth // 2 blocks: make_net(20, ...)
has 10 blocks and 21 convolutions, not 20 blocks and 41."""
import torch.nn as nn


def make_net(depth, residual, num_classes=5, width=16):
    blocks = [ResidualBlock(width, width) if residual else PlainBlock(width) for _ in range(depth // 2)]  # noqa: F821
    return nn.Sequential(nn.Conv2d(3, width, 3, padding=1), nn.ReLU(), *blocks,
                         nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(width, num_classes))
