"""WRONG (ResidualBlock): computes the projection shortcut under torch.no_grad() ("the shortcut is not learned").

Forward values are right (visible tests pass), but the 1x1 conv never gets a gradient and no
gradient flows back through the projection."""
import torch
import torch.nn as nn
import torch.nn.functional as F


class ResidualBlock(nn.Module):
    def __init__(self, in_channels: int, out_channels: int, stride: int = 1):
        super().__init__()
        self.conv1 = nn.Conv2d(in_channels, out_channels, 3, stride=stride, padding=1)
        self.conv2 = nn.Conv2d(out_channels, out_channels, 3, padding=1)
        if in_channels == out_channels and stride == 1:
            self.shortcut = nn.Identity()
        else:
            self.shortcut = nn.Conv2d(in_channels, out_channels, 1, stride=stride)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if isinstance(self.shortcut, nn.Identity):
            skip = x
        else:
            with torch.no_grad():
                skip = self.shortcut(x)
        return F.relu(self.conv2(F.relu(self.conv1(x))) + skip)
