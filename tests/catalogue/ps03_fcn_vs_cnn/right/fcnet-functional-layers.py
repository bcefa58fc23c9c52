"""Separate nn.Linear attributes and F.relu in forward; embedding shared by forward."""
import torch.nn as nn
import torch.nn.functional as F


class FcNet(nn.Module):
    def __init__(self, input_shape, hide_neurons=32, num_classes=10):
        super().__init__()
        self.fc1 = nn.Linear(input_shape, hide_neurons)
        self.fc2 = nn.Linear(hide_neurons, hide_neurons // 2)
        self.fc3 = nn.Linear(hide_neurons // 2, num_classes)

    def get_embedding(self, x):
        x = x.view(x.size(0), -1)
        return F.relu(self.fc2(F.relu(self.fc1(x))))

    def forward(self, x):
        return self.fc3(self.get_embedding(x))
