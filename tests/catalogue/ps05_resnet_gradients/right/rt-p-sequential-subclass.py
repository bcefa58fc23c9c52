"""RIGHT, though a test that reads block.conv1 might reject it (PlainBlock): an nn.Sequential subclass.

Applies conv, ReLU, conv, ReLU in order; parameters listed conv1 then conv2 ("0.weight",
"0.bias", "2.weight", "2.bias"). The contract names no attributes (tests read
block.parameters()).
"""
import torch
import torch.nn as nn


class PlainBlock(nn.Sequential):
    def __init__(self, channels: int):
        super().__init__(
            nn.Conv2d(channels, channels, 3, padding=1), nn.ReLU(inplace=True),
            nn.Conv2d(channels, channels, 3, padding=1), nn.ReLU(inplace=True),
        )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return super().forward(x)
