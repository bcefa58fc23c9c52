"""WRONG (SimpleCNN): the linear layer is created (registered) before the convolutions.

The forward pass is right, but parameters()/named_parameters() now list fc first, so
layer_grad_norms(SimpleCNN()) does not go from the input to the output as the notebook
requires ("for every network in this notebook from the input to the output"), the fit loop's
"first-layer gradient" is the linear layer's, and weights loaded by position land in the
wrong layers. Counts and shapes are unaffected."""
import torch
import torch.nn as nn
import torch.nn.functional as F


class SimpleCNN(nn.Module):
    def __init__(self, num_classes: int = 5):
        super().__init__()
        self.fc = nn.Linear(32 * 8 * 8, num_classes)
        self.conv1 = nn.Conv2d(3, 16, 3, padding=1)
        self.conv2 = nn.Conv2d(16, 32, 3, padding=1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        return self.fc(x.flatten(1))
