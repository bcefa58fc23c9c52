"""The seed's layout: forward flattens with an nn.Flatten made on the fly."""
import torch.nn as nn


class ConvNet(nn.Module):
    def __init__(self, image_channels=1):
        super().__init__()
        self.encoder = nn.Sequential(
            nn.Conv2d(in_channels=image_channels, out_channels=4, kernel_size=3, padding="same"), nn.ReLU(),
            nn.MaxPool2d(2),
            nn.Conv2d(in_channels=4, out_channels=8, kernel_size=3, padding="same"), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(in_channels=8, out_channels=16, kernel_size=3, padding="same"), nn.ReLU(), nn.MaxPool2d(2),
        )
        self.head = nn.Sequential(nn.Linear(in_features=144, out_features=32), nn.ReLU(),
                                  nn.Linear(in_features=32, out_features=10))

    def forward(self, x):
        out = self.encoder(x)
        out = nn.Flatten()(out)
        return self.head(out)

    def get_embedding(self, x):
        return nn.Flatten()(self.encoder(x))
