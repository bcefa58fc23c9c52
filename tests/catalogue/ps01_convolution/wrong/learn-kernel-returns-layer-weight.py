"""Returns the layer's whole (1, 1, kh, kw) weight instead of a kernel_size tensor."""
import torch
import torch.nn as nn


def learn_kernel(X, Y, kernel_size, steps=500, lr=0.1):
    layer = nn.Conv2d(1, 1, kernel_size, bias=False)
    x, y = X.float()[None, None], Y.float()[None, None]
    optimizer = torch.optim.Adam(layer.parameters(), lr=lr)
    for _ in range(steps):
        optimizer.zero_grad()
        ((layer(x) - y) ** 2).mean().backward()
        optimizer.step()
    return layer.weight.detach()
