"""The first convolution always takes 1 channel: ConvNet(image_channels=3) cannot read colour images."""
import torch.nn as nn


class ConvNet(nn.Module):
    def __init__(self, image_channels=1):
        super().__init__()
        self.encoder = nn.Sequential(
            nn.Conv2d(1, 4, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(4, 8, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(8, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        )
        self.head = nn.Sequential(nn.Linear(144, 32), nn.ReLU(), nn.Linear(32, 10))

    def forward(self, x):
        return self.head(self.get_embedding(x))

    def get_embedding(self, x):
        return self.encoder(x).flatten(1)
