"""Adds a hidden linear layer (32*H*W -> 64 -> num_classes): a reasonable network, not the one
asked for, and with a different parameter count."""
import torch.nn as nn


class TwoConvNet(nn.Module):
    def __init__(self, in_channels=1, height=5, width=5, num_classes=2):
        super().__init__()
        self.features = nn.Sequential(nn.Conv2d(in_channels, 16, 3, padding=1), nn.ReLU(),
                                      nn.Conv2d(16, 32, 3, padding=1), nn.ReLU(), nn.Flatten())
        self.head = nn.Sequential(nn.Linear(32 * height * width, 64), nn.ReLU(), nn.Linear(64, num_classes))

    def forward(self, x):
        return self.head(self.features(x))
