"""Puts a ReLU after the last layer too: negative logits are clipped to 0."""
import torch.nn as nn


class FcNet(nn.Module):
    def __init__(self, input_shape, hide_neurons=32, num_classes=10):
        super().__init__()
        self.hidden = nn.Sequential(nn.Flatten(), nn.Linear(input_shape, hide_neurons), nn.ReLU(),
                                    nn.Linear(hide_neurons, hide_neurons // 2), nn.ReLU())
        self.out = nn.Sequential(nn.Linear(hide_neurons // 2, num_classes), nn.ReLU())

    def forward(self, x):
        return self.out(self.hidden(x))

    def get_embedding(self, x):
        return self.hidden(x)
