"""WRONG (make_net): builds max(depth, 1) blocks, so depth 0 still gets one block.

make_net(0, ...) must be the stem, the pooling and the linear layer only; the visible tests use
depths 20 and 2.

Uses the notebook's PlainBlock and ResidualBlock (defined in Part C's answer cells)."""
import torch
import torch.nn as nn
import torch.nn.functional as F


def make_net(depth: int, residual: bool, num_classes: int = 5, width: int = 16) -> nn.Module:
    stem = nn.Conv2d(3, width, 3, padding=1)
    blocks = [ResidualBlock(width, width) if residual else PlainBlock(width) for _ in range(max(depth, 1))]
    return nn.Sequential(stem, nn.ReLU(), *blocks,
                         nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(width, num_classes))
