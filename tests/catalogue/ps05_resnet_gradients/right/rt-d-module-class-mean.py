"""RIGHT (make_net): a small nn.Module with stem, nn.ModuleList of blocks and head, created in that
order; global average pooling as x.mean(dim=(2, 3)).

Registration order = forward order (stem weight/bias, block 1..depth, linear weight/bias);
PyTorch's default initialisation; any input size (the mean over H and W). The class is defined
inside the function body. Uses the notebook's PlainBlock and ResidualBlock.
"""
import torch
import torch.nn as nn
import torch.nn.functional as F


def make_net(depth: int, residual: bool, num_classes: int = 5, width: int = 16) -> nn.Module:
    class Net(nn.Module):
        def __init__(self):
            super().__init__()
            self.stem = nn.Conv2d(3, width, kernel_size=3, padding=1)
            self.blocks = nn.ModuleList(
                ResidualBlock(width, width) if residual else PlainBlock(width) for _ in range(depth))
            self.head = nn.Linear(width, num_classes)

        def forward(self, x: torch.Tensor) -> torch.Tensor:
            x = F.relu(self.stem(x))
            for block in self.blocks:
                x = block(x)
            return self.head(x.mean(dim=(2, 3)))

    return Net()
