"""WRONG (PlainBlock): computes on x.detach().

The forward values are right, so the visible test passes, but no gradient flows back to the
input: in make_net only the last block (and the head) would learn, and every layer below reads
a gradient of None."""
import torch
import torch.nn as nn
import torch.nn.functional as F


class PlainBlock(nn.Module):
    def __init__(self, channels: int):
        super().__init__()
        self.conv1 = nn.Conv2d(channels, channels, 3, padding=1)
        self.conv2 = nn.Conv2d(channels, channels, 3, padding=1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return F.relu(self.conv2(F.relu(self.conv1(x.detach()))))
