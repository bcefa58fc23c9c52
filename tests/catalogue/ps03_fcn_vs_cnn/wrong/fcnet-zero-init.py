"""WRONG: initialises every weight and bias to zero ("for reproducibility"): every hidden unit stays identical
and the ReLU layers get no gradient, so the network cannot learn (Part D's FCN would stay near chance)."""
import torch
import torch.nn as nn
import torch.nn.functional as F


class FcNet(nn.Module):
    def __init__(self, input_shape: int, hide_neurons: int = 32, num_classes: int = 10):
        super().__init__()
        self.fc1 = nn.Linear(input_shape, hide_neurons)
        self.fc2 = nn.Linear(hide_neurons, hide_neurons // 2)
        self.fc3 = nn.Linear(hide_neurons // 2, num_classes)
        for p in self.parameters():
            nn.init.zeros_(p)

    def get_embedding(self, x):
        return F.relu(self.fc2(F.relu(self.fc1(x.flatten(1)))))

    def forward(self, x):
        return self.fc3(self.get_embedding(x))
