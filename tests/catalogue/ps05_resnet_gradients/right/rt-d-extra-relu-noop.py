"""RIGHT, though a structure test counting modules might reject it (make_net): a ReLU after the
last block, before the global pooling.

Both PlainBlock and ResidualBlock end with a ReLU, so their output is already >= 0 and
relu(relu(y)) == relu(y): the network computes exactly the contract's function (and the same
gradient: ReLU's derivative is 1 where y > 0 and 0 where y == 0, as the block's own ReLU). For
depth 0 the extra ReLU follows the stem's ReLU, again a no-op. No parameters are added.
Uses the notebook's blocks.
"""
import torch
import torch.nn as nn


def make_net(depth: int, residual: bool, num_classes: int = 5, width: int = 16) -> nn.Module:
    stem = nn.Conv2d(3, width, 3, padding=1)
    blocks = [ResidualBlock(width, width) if residual else PlainBlock(width) for _ in range(depth)]
    return nn.Sequential(stem, nn.ReLU(), *blocks, nn.ReLU(),
                         nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(width, num_classes))
