"""Puts the stride on conv2 instead of conv1: the output has the same shape, but conv1 now works at full
resolution and conv2 skips every other position of a different map."""
import torch.nn as nn
import torch.nn.functional as F


class ResidualBlock(nn.Module):
    def __init__(self, in_channels, out_channels, stride=1):
        super().__init__()
        self.conv1 = nn.Conv2d(in_channels, out_channels, 3, padding=1)
        self.conv2 = nn.Conv2d(out_channels, out_channels, 3, stride=stride, padding=1)
        self.shortcut = (nn.Identity() if in_channels == out_channels and stride == 1
                         else nn.Conv2d(in_channels, out_channels, 1, stride=stride))

    def forward(self, x):
        return F.relu(self.conv2(F.relu(self.conv1(x))) + self.shortcut(x))
