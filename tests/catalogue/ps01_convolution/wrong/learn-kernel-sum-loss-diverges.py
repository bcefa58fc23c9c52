"""Plain gradient descent on the summed error with a step that suits only tiny images: it diverges on larger ones."""
import torch
import torch.nn as nn


def learn_kernel(X, Y, kernel_size, steps=300, lr=0.03):
    layer = nn.Conv2d(1, 1, kernel_size, bias=False)
    x, y = X.float()[None, None], Y.float()[None, None]
    for _ in range(steps):
        loss = ((layer(x) - y) ** 2).sum()
        layer.zero_grad()
        loss.backward()
        with torch.no_grad():
            layer.weight -= lr * layer.weight.grad
    return layer.weight.detach()[0, 0]
