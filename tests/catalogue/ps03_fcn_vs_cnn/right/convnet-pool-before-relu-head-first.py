"""Pools before the ReLU (max-pool and ReLU commute), padding="same", and builds the head before the encoder
(another initialisation draw)."""
import torch.nn as nn


class ConvNet(nn.Module):
    def __init__(self, image_channels=1):
        super().__init__()
        self.head = nn.Sequential(nn.Flatten(), nn.Linear(16 * 3 * 3, 32), nn.ReLU(), nn.Linear(32, 10))
        blocks = []
        for c_in, c_out in [(image_channels, 4), (4, 8), (8, 16)]:
            blocks += [nn.Conv2d(c_in, c_out, kernel_size=3, padding="same"), nn.MaxPool2d(2), nn.ReLU()]
        self.encoder = nn.Sequential(*blocks)

    def get_embedding(self, x):
        out = self.encoder(x)
        return out.view(out.size(0), -1)

    def forward(self, x):
        return self.head(self.get_embedding(x))
