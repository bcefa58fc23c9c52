"""Leaves out the padding and sizes the linear layer for the shrunken maps, 32 * (H - 4) * (W - 4):
a working network, but not the one asked for (the convolutions no longer keep the size)."""
import torch.nn as nn


class TwoConvNet(nn.Module):
    def __init__(self, in_channels=1, height=5, width=5, num_classes=2):
        super().__init__()
        self.conv1 = nn.Conv2d(in_channels, 16, kernel_size=3)
        self.conv2 = nn.Conv2d(16, 32, kernel_size=3)
        self.fc = nn.Linear(32 * (height - 4) * (width - 4), num_classes)

    def forward(self, x):
        return self.fc(self.conv2(self.conv1(x)).flatten(1))
