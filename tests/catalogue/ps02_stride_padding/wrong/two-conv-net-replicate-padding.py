"""TwoConvNet whose convolutions pad by replication (padding_mode="replicate") instead of zeros.

WRONG: the contract is nn.Conv2d(..., kernel_size=3, padding=1), i.e. ZERO padding (PyTorch's default);
replicate padding keeps the shapes and the parameter count but changes every border output.
"""
import torch
import torch.nn as nn


class TwoConvNet(nn.Module):
    def __init__(self, in_channels=1, height=5, width=5, num_classes=2):
        super().__init__()
        self.conv1 = nn.Conv2d(in_channels, 16, kernel_size=3, padding=1, padding_mode="replicate")
        self.conv2 = nn.Conv2d(16, 32, kernel_size=3, padding=1, padding_mode="replicate")
        self.fc = nn.Linear(32 * height * width, num_classes)

    def forward(self, x):
        x = torch.relu(self.conv1(x))
        x = torch.relu(self.conv2(x))
        return self.fc(x.flatten(1))
