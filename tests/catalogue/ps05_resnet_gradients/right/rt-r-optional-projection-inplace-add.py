"""RIGHT (ResidualBlock): projection stored as None for the identity case, the addition done in place
on the branch's output (out += skip), then an in-place ReLU.

`out` is a fresh tensor made by conv2, so adding into it never touches the caller's x, and
autograd allows it (the add's backward needs neither operand; ReLU's needs only its output).
Attribute None registers no module, so the identity case has no shortcut parameters.
"""
import torch
import torch.nn as nn


class ResidualBlock(nn.Module):
    def __init__(self, in_channels: int, out_channels: int, stride: int = 1):
        super().__init__()
        self.conv1 = nn.Conv2d(in_channels, out_channels, kernel_size=3, stride=stride, padding=1)
        self.conv2 = nn.Conv2d(out_channels, out_channels, kernel_size=3, stride=1, padding=1)
        self.projection = None
        if stride != 1 or in_channels != out_channels:
            self.projection = nn.Conv2d(in_channels, out_channels, kernel_size=1, stride=stride, padding=0)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        out = self.conv2(torch.relu(self.conv1(x)))
        out += x if self.projection is None else self.projection(x)
        return out.relu_()
