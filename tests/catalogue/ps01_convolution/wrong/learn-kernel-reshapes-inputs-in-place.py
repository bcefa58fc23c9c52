"""learn_kernel: adds the batch and channel axes with the IN-PLACE X.unsqueeze_(0).unsqueeze_(0)
(and the same for Y). The kernel is learned correctly, but the caller's X and Y now have shape
(1, 1, H, W): computing corr2d(X, kernel) afterwards, or reusing X, breaks.
A function must not modify its inputs."""
import torch
import torch.nn as nn
import torch.nn.functional as F


def learn_kernel(X, Y, kernel_size, steps=500, lr=0.1):
    X.unsqueeze_(0).unsqueeze_(0)
    Y.unsqueeze_(0).unsqueeze_(0)
    conv = nn.Conv2d(1, 1, kernel_size, bias=False)
    opt = torch.optim.SGD(conv.parameters(), lr=lr, momentum=0.9)
    for _ in range(steps):
        opt.zero_grad()
        loss = F.mse_loss(conv(X.float()), Y.float())
        loss.backward()
        opt.step()
    return conv.weight.detach()[0, 0]
