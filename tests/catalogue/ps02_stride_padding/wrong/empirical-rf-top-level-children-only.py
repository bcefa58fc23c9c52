"""empirical_receptive_field that walks only the model's top-level children (as the notebook's demo cell does).

WRONG: convolutions and max-pooling layers nested in a sub-module (nn.Sequential of blocks, a custom
nn.Module) keep their own weights and stay max-pooling, so they can hide pixels.
"""
import copy

import torch
import torch.nn as nn


def empirical_receptive_field(model, input_size):
    h, w = input_size if isinstance(input_size, (tuple, list)) else (input_size, input_size)
    probe = copy.deepcopy(model).eval()
    convs = [m for m in probe.children() if isinstance(m, nn.Conv2d)]
    channels = convs[0].in_channels if convs else 1
    with torch.no_grad():
        for conv in convs:
            conv.weight.fill_(1.0 / conv.weight[0].numel())
            if conv.bias is not None:
                conv.bias.zero_()
    for parent in [probe]:
        for name, child in list(parent.named_children()):
            if isinstance(child, nn.MaxPool2d):
                setattr(parent, name, nn.AvgPool2d(child.kernel_size, child.stride, child.padding,
                                                   ceil_mode=child.ceil_mode))
    x = torch.ones(1, channels, h, w, requires_grad=True)
    out = probe(x)
    out[0, :, out.shape[-2] // 2, out.shape[-1] // 2].sum().backward()
    nonzero = x.grad[0].abs().sum(0) != 0
    rows = torch.nonzero(nonzero.any(1)).flatten()
    cols = torch.nonzero(nonzero.any(0)).flatten()
    height = int(rows.max() - rows.min() + 1)
    width = int(cols.max() - cols.min() + 1)
    return height if height == width else (height, width)
