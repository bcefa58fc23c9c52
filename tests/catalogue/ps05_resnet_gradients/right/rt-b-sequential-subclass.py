"""RIGHT, though a test that expects named attributes might reject it (SimpleCNN): the class
is an nn.Sequential subclass, with in-place ReLUs.

nn.Sequential is an nn.Module whose forward applies the layers in order, so SimpleCNN()(x)
gives the logits; ReLU(inplace=True) acts on the convolutions' outputs, never on the input.
The forward method is spelled out to keep the notebook's signature. Parameters are named
"0.weight", "3.weight", "7.weight".
"""
import torch
import torch.nn as nn


class SimpleCNN(nn.Sequential):
    def __init__(self, num_classes: int = 5):
        super().__init__(
            nn.Conv2d(3, 16, 3, padding=1), nn.ReLU(inplace=True), nn.MaxPool2d(2),
            nn.Conv2d(16, 32, 3, padding=1), nn.ReLU(inplace=True), nn.MaxPool2d(2),
            nn.Flatten(), nn.Linear(32 * 8 * 8, num_classes),
        )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        for layer in self:
            x = layer(x)
        return x
