"""The branch as an nn.Sequential with an in-place ReLU, no shortcut module when it is the identity, and
an in-place ReLU on the sum (a new tensor, not the input)."""
import torch.nn as nn
import torch.nn.functional as F


class ResidualBlock(nn.Module):
    def __init__(self, in_channels, out_channels, stride=1):
        super().__init__()
        self.branch = nn.Sequential(
            nn.Conv2d(in_channels, out_channels, 3, stride=stride, padding=1),
            nn.ReLU(inplace=True),
            nn.Conv2d(out_channels, out_channels, 3, padding=1),
        )
        self.projection = None
        if stride != 1 or in_channels != out_channels:
            self.projection = nn.Conv2d(in_channels, out_channels, 1, stride=stride)

    def forward(self, x):
        shortcut = x if self.projection is None else self.projection(x)
        return F.relu(self.branch(x) + shortcut, inplace=True)
