"""WRONG: ReLU6 (clipped at 6) instead of ReLU; non-negative, so the embedding sign check passes."""
import torch
import torch.nn as nn


class FcNet(nn.Module):
    def __init__(self, input_shape: int, hide_neurons: int = 32, num_classes: int = 10):
        super().__init__()
        self.body = nn.Sequential(nn.Flatten(), nn.Linear(input_shape, hide_neurons), nn.ReLU6(),
                                  nn.Linear(hide_neurons, hide_neurons // 2), nn.ReLU6())
        self.fc3 = nn.Linear(hide_neurons // 2, num_classes)

    def forward(self, x):
        return self.fc3(self.body(x))

    def get_embedding(self, x):
        return self.body(x)
