"""L-BFGS: a quasi-Newton optimiser that solves this least-squares problem in a few iterations."""
import torch
import torch.nn as nn


def learn_kernel(X, Y, kernel_size, steps=50, lr=1.0):
    layer = nn.Conv2d(1, 1, kernel_size, bias=False)
    x, y = X.float()[None, None], Y.float()[None, None]
    optimizer = torch.optim.LBFGS(layer.parameters(), lr=lr, max_iter=steps, line_search_fn="strong_wolfe")

    def closure():
        optimizer.zero_grad()
        loss = nn.functional.mse_loss(layer(x), y)
        loss.backward()
        return loss

    optimizer.step(closure)
    return layer.weight.detach().view(*kernel_size)
