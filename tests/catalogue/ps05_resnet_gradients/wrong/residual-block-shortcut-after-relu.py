"""Adds the shortcut after the final ReLU, relu(conv2(relu(conv1(x)))) + x, instead of before it: the
output can be negative, and the block is not the one of the statement."""
import torch.nn as nn
import torch.nn.functional as F


class ResidualBlock(nn.Module):
    def __init__(self, in_channels, out_channels, stride=1):
        super().__init__()
        self.conv1 = nn.Conv2d(in_channels, out_channels, 3, stride=stride, padding=1)
        self.conv2 = nn.Conv2d(out_channels, out_channels, 3, padding=1)
        self.shortcut = (nn.Identity() if in_channels == out_channels and stride == 1
                         else nn.Conv2d(in_channels, out_channels, 1, stride=stride))

    def forward(self, x):
        return F.relu(self.conv2(F.relu(self.conv1(x)))) + self.shortcut(x)
