"""WRONG: get_embedding runs under torch.no_grad() ("it is only for plotting") and forward reuses it, so no
gradient reaches fc1/fc2: training only ever updates the last layer. Values and shapes are all right."""
import torch
import torch.nn as nn
import torch.nn.functional as F


class FcNet(nn.Module):
    def __init__(self, input_shape: int, hide_neurons: int = 32, num_classes: int = 10):
        super().__init__()
        self.fc1 = nn.Linear(input_shape, hide_neurons)
        self.fc2 = nn.Linear(hide_neurons, hide_neurons // 2)
        self.fc3 = nn.Linear(hide_neurons // 2, num_classes)

    @torch.no_grad()
    def get_embedding(self, x):
        return F.relu(self.fc2(F.relu(self.fc1(x.flatten(1)))))

    def forward(self, x):
        return self.fc3(self.get_embedding(x))
