"""Does not copy the model: rebuilds its geometry as a stack of single-channel convolutions of
ones (pools included, as average pools), then back-propagates from the centre with autograd.grad."""
import torch
import torch.nn as nn


def empirical_receptive_field(model, input_size):
    h, w = tuple(input_size) if isinstance(input_size, (tuple, list)) else (input_size, input_size)
    stack = []
    for m in model.modules():
        if isinstance(m, nn.Conv2d):
            conv = nn.Conv2d(1, 1, m.kernel_size, m.stride, m.padding, m.dilation, bias=False).double()
            nn.init.ones_(conv.weight)
            stack.append(conv)
        elif isinstance(m, (nn.MaxPool2d, nn.AvgPool2d)):
            stack.append(nn.AvgPool2d(m.kernel_size, m.stride, m.padding, ceil_mode=m.ceil_mode))
    x = torch.ones(1, 1, h, w, dtype=torch.float64, requires_grad=True)
    y = nn.Sequential(*stack)(x)
    (grad,) = torch.autograd.grad(y[0, 0, y.shape[-2] // 2, y.shape[-1] // 2], x)
    rows = torch.where(grad[0, 0].sum(1) > 0)[0]
    cols = torch.where(grad[0, 0].sum(0) > 0)[0]
    height, width = int(rows[-1] - rows[0] + 1), int(cols[-1] - cols[0] + 1)
    return height if height == width else (height, width)
