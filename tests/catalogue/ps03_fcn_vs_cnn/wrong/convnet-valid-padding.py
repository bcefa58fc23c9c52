"""No padding: each 3x3 convolution shrinks the image (28 -> 26 -> 13 -> 11 -> 5 -> 3 -> 1), so the encoder ends at 1x1."""
import torch.nn as nn


class ConvNet(nn.Module):
    def __init__(self, image_channels=1):
        super().__init__()
        self.encoder = nn.Sequential(
            nn.Conv2d(image_channels, 4, 3), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(4, 8, 3), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(8, 16, 3), nn.ReLU(), nn.MaxPool2d(2),
        )
        self.head = nn.Sequential(nn.Linear(144, 32), nn.ReLU(), nn.Linear(32, 10))

    def forward(self, x):
        return self.head(self.get_embedding(x))

    def get_embedding(self, x):
        return self.encoder(x).flatten(1)
