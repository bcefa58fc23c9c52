"""The origin notebook's layout (no activation at all), as one nn.Sequential with nn.Flatten."""
import torch.nn as nn


class TwoConvNet(nn.Module):
    def __init__(self, in_channels=1, height=5, width=5, num_classes=2):
        super().__init__()
        self.layers = nn.Sequential(
            nn.Conv2d(in_channels, 16, 3, padding=1),
            nn.Conv2d(16, 32, 3, padding=1),
            nn.Flatten(),
            nn.Linear(32 * height * width, num_classes),
        )

    def forward(self, x):
        return self.layers(x)
