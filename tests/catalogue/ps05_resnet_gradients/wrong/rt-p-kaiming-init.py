"""WRONG (PlainBlock): re-initialises its convolutions with He (Kaiming) normal weights and zero biases.

The contract pins PyTorch's default initialisation (make_net, built from these blocks:
"Keep PyTorch's default initialisation"), and the notebook says He initialisation is
deliberately not used; with it the plain network's gradient shrinks far less. The visible test
only counts parameters and checks the shape."""
import torch
import torch.nn as nn
import torch.nn.functional as F


class PlainBlock(nn.Module):
    def __init__(self, channels: int):
        super().__init__()
        self.conv1 = nn.Conv2d(channels, channels, 3, padding=1)
        self.conv2 = nn.Conv2d(channels, channels, 3, padding=1)
        for conv in (self.conv1, self.conv2):
            nn.init.kaiming_normal_(conv.weight, nonlinearity="relu")
            nn.init.zeros_(conv.bias)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return F.relu(self.conv2(F.relu(self.conv1(x))))
