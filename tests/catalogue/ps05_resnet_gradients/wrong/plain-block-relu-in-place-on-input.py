"""Starts with a ReLU in place on the input, then the block: changes the caller's tensor x and computes
relu(conv2(relu(conv1(relu(x))))) instead of the block of the statement."""
import torch.nn as nn
import torch.nn.functional as F


class PlainBlock(nn.Module):
    def __init__(self, channels):
        super().__init__()
        self.conv1 = nn.Conv2d(channels, channels, 3, padding=1)
        self.conv2 = nn.Conv2d(channels, channels, 3, padding=1)

    def forward(self, x):
        F.relu(x, inplace=True)
        return F.relu(self.conv2(F.relu(self.conv1(x))))
