"""3x3 convolutions without padding: every block makes the image 4 pixels smaller instead of keeping its size."""
import torch.nn as nn
import torch.nn.functional as F


class PlainBlock(nn.Module):
    def __init__(self, channels):
        super().__init__()
        self.conv1 = nn.Conv2d(channels, channels, 3)
        self.conv2 = nn.Conv2d(channels, channels, 3)

    def forward(self, x):
        return F.relu(self.conv2(F.relu(self.conv1(x))))
