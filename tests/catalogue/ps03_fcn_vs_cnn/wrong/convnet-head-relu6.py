"""WRONG: the head's activation is ReLU6 (clipped at 6) instead of ReLU; encoder as specified."""
import torch
import torch.nn as nn


class ConvNet(nn.Module):
    def __init__(self, image_channels: int = 1):
        super().__init__()
        self.encoder = nn.Sequential(
            nn.Conv2d(image_channels, 4, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(4, 8, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(8, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2))
        self.head = nn.Sequential(nn.Linear(144, 32), nn.ReLU6(), nn.Linear(32, 10))

    def get_embedding(self, x):
        return self.encoder(x).flatten(1)

    def forward(self, x):
        return self.head(self.get_embedding(x))
