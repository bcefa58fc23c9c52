"""Seed mistake: the module's constructor is spelled `_init`, so its weight never exists."""
import torch
import torch.nn as nn


class Conv2D(nn.Module):
    def _init(self, kernel_size):
        super().__init__()
        self.weight = nn.Parameter(torch.rand(kernel_size))

    def forward(self, x):
        return nn.functional.conv2d(x, self.weight[None, None])


def learn_kernel(X, Y, kernel_size, steps=500, lr=0.1):
    model = Conv2D(kernel_size)
    x, y = X.float()[None, None], Y.float()[None, None]
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    for _ in range(steps):
        optimizer.zero_grad()
        loss = ((model(x) - y) ** 2).mean()
        loss.backward()
        optimizer.step()
    return model.weight.detach()
