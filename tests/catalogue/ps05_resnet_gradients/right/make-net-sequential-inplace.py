"""An nn.Sequential built in a loop, an in-place ReLU after the stem, AdaptiveAvgPool2d((1, 1)) and
nn.Flatten()."""
import torch.nn as nn


def make_net(depth: int, residual: bool, num_classes: int = 5, width: int = 16) -> nn.Module:
    net = nn.Sequential()
    net.append(nn.Conv2d(3, width, 3, padding=1))
    net.append(nn.ReLU(inplace=True))
    for _ in range(depth):
        net.append(ResidualBlock(width, width, stride=1) if residual else PlainBlock(width))  # noqa: F821
    net.append(nn.AdaptiveAvgPool2d((1, 1)))
    net.append(nn.Flatten())
    net.append(nn.Linear(width, num_classes))
    return net
