"""Feeds nn.Conv2d an unbatched (1, H, W) input and keeps its bias: the bias learns 0, the kernel the answer."""
import torch
import torch.nn as nn


def learn_kernel(X, Y, kernel_size, steps=800, lr=0.05):
    layer = nn.Conv2d(1, 1, kernel_size)
    x, y = X.float().unsqueeze(0), Y.float().unsqueeze(0)
    optimizer = torch.optim.Adam(layer.parameters(), lr=lr)
    for _ in range(steps):
        optimizer.zero_grad()
        ((layer(x) - y) ** 2).mean().backward()
        optimizer.step()
    return layer.weight[0, 0].detach()
