"""TwoConvNet whose convolutions use padding="same" (PyTorch's own "keep the size" padding).

Right in behaviour: for a 3x3 kernel at stride 1, padding="same" pads exactly 1 on each side, so the
layers compute the same thing and have the same parameters as padding=1. (Borderline: the table in
the statement writes padding=1, and the module stores padding as the string "same".)
"""
import torch
import torch.nn as nn


class TwoConvNet(nn.Module):
    def __init__(self, in_channels=1, height=5, width=5, num_classes=2):
        super().__init__()
        self.conv1 = nn.Conv2d(in_channels, 16, 3, padding="same")
        self.conv2 = nn.Conv2d(16, 32, 3, padding="same")
        self.fc = nn.Linear(32 * height * width, num_classes)

    def forward(self, x):
        x = torch.relu(self.conv1(x))
        x = torch.relu(self.conv2(x))
        return self.fc(x.flatten(1))
