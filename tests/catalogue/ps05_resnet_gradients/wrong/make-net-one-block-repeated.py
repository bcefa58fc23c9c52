"""[block] * depth repeats one and the same block object: the network applies it `depth` times with
shared weights, and has the parameters of a single block."""
import torch.nn as nn


def make_net(depth, residual, num_classes=5, width=16):
    block = ResidualBlock(width, width) if residual else PlainBlock(width)  # noqa: F821
    return nn.Sequential(nn.Conv2d(3, width, 3, padding=1), nn.ReLU(), *([block] * depth),
                         nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(width, num_classes))
