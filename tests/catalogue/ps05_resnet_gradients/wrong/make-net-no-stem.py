"""No stem: the first block takes the images itself (a residual block with a projection from 3 channels,
or a plain block whose first convolution reads 3 channels), so the stem convolution and its ReLU are missing."""
import torch.nn as nn


def make_net(depth, residual, num_classes=5, width=16):
    if residual:
        first = ResidualBlock(3, width)  # noqa: F821
        rest = [ResidualBlock(width, width) for _ in range(depth - 1)]  # noqa: F821
    else:
        first = nn.Sequential(nn.Conv2d(3, width, 3, padding=1), nn.ReLU(), nn.Conv2d(width, width, 3, padding=1), nn.ReLU())
        rest = [PlainBlock(width) for _ in range(depth - 1)]  # noqa: F821
    return nn.Sequential(first, *rest, nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(width, num_classes))
