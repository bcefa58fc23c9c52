"""A module of its own: stem, an nn.ModuleList of blocks, a head, created in forward order; x.mean(dim=(2, 3))
for the global average pooling."""
import torch.nn as nn
import torch.nn.functional as F


class DeepNet(nn.Module):
    def __init__(self, depth, residual, num_classes, width):
        super().__init__()
        self.stem = nn.Conv2d(3, width, kernel_size=3, padding=1)
        block = ResidualBlock if residual else PlainBlock  # noqa: F821
        self.blocks = nn.ModuleList(block(width, width) if residual else block(width) for _ in range(depth))
        self.head = nn.Linear(width, num_classes)

    def forward(self, x):
        x = F.relu(self.stem(x))
        for block in self.blocks:
            x = block(x)
        return self.head(x.mean(dim=(2, 3)))


def make_net(depth, residual, num_classes=5, width=16):
    return DeepNet(depth, residual, num_classes, width)
