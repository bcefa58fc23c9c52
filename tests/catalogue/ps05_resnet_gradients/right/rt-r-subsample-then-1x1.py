"""RIGHT, though a test that inspects the shortcut module's stride might reject it (ResidualBlock):
the projection is written as subsampling x[:, :, ::s, ::s] followed by a stride-1 1x1 Conv2d.

A 1x1 convolution with stride s reads exactly the pixels (s*i, s*j), so conv1x1_stride_s(x) ==
conv1x1(x[:, :, ::s, ::s]) for every size (ceil(H / s) rows, odd sizes included): the same
function, the same parameters (in*out + out), created after conv1 and conv2.
"""
import torch
import torch.nn as nn
import torch.nn.functional as F


class ResidualBlock(nn.Module):
    def __init__(self, in_channels: int, out_channels: int, stride: int = 1):
        super().__init__()
        self.stride = stride
        self.conv1 = nn.Conv2d(in_channels, out_channels, 3, stride=stride, padding=1)
        self.conv2 = nn.Conv2d(out_channels, out_channels, 3, padding=1)
        self.project = in_channels != out_channels or stride != 1
        if self.project:
            self.shortcut = nn.Conv2d(in_channels, out_channels, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        skip = x
        if self.project:
            skip = self.shortcut(x[:, :, ::self.stride, ::self.stride])
        return F.relu(self.conv2(F.relu(self.conv1(x))) + skip)
