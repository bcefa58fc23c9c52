"""An nn.Sequential of conv, ReLU(inplace=True), conv, ReLU(inplace=True): the in-place ReLUs act on
intermediate results only, never on the input."""
import torch.nn as nn


class PlainBlock(nn.Module):
    def __init__(self, channels):
        super().__init__()
        self.body = nn.Sequential(
            nn.Conv2d(channels, channels, 3, padding=1), nn.ReLU(inplace=True),
            nn.Conv2d(channels, channels, 3, padding=1), nn.ReLU(inplace=True),
        )

    def forward(self, x):
        return self.body(x)
