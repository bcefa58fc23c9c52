"""torch.flatten(x) without start_dim=1 flattens the batch axis too: (N, 16, 3, 3) -> (144 N,)."""
import torch
import torch.nn as nn


class ConvNet(nn.Module):
    def __init__(self, image_channels=1):
        super().__init__()
        self.encoder = nn.Sequential(
            nn.Conv2d(image_channels, 4, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(4, 8, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(8, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        )
        self.head = nn.Sequential(nn.Linear(144, 32), nn.ReLU(), nn.Linear(32, 10))

    def forward(self, x):
        return self.head(self.get_embedding(x).reshape(-1, 144))

    def get_embedding(self, x):
        return torch.flatten(self.encoder(x))
