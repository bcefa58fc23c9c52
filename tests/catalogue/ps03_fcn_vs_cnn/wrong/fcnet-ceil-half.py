"""WRONG: second hidden layer has (hide_neurons + 1) // 2 neurons (rounds up) instead of hide_neurons // 2;
identical for even hide_neurons (the default 32), wrong for odd ones (e.g. 33 -> 17 instead of 16)."""
import torch
import torch.nn as nn
import torch.nn.functional as F


class FcNet(nn.Module):
    def __init__(self, input_shape: int, hide_neurons: int = 32, num_classes: int = 10):
        super().__init__()
        half = (hide_neurons + 1) // 2
        self.fc1 = nn.Linear(input_shape, hide_neurons)
        self.fc2 = nn.Linear(hide_neurons, half)
        self.fc3 = nn.Linear(half, num_classes)

    def get_embedding(self, x):
        return F.relu(self.fc2(F.relu(self.fc1(x.flatten(1)))))

    def forward(self, x):
        return self.fc3(self.get_embedding(x))
