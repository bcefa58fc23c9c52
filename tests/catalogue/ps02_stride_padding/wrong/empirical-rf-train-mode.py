"""Forgets eval(): in training mode batch norm normalises with the statistics of the whole image,
so every input pixel gets a gradient and the box is the whole input."""
import copy

import torch
import torch.nn as nn


def empirical_receptive_field(model, input_size):
    h, w = tuple(input_size) if isinstance(input_size, (tuple, list)) else (input_size, input_size)
    probe = copy.deepcopy(model).double().train()
    for parent in list(probe.modules()):
        for name, child in list(parent.named_children()):
            if isinstance(child, nn.MaxPool2d):
                setattr(parent, name, nn.AvgPool2d(child.kernel_size, child.stride, child.padding,
                                                   ceil_mode=child.ceil_mode))
    convs = [m for m in probe.modules() if isinstance(m, nn.Conv2d)]
    with torch.no_grad():
        for conv in convs:
            conv.weight.fill_(1.0 / conv.weight[0].numel())
            if conv.bias is not None:
                conv.bias.zero_()
    channels = convs[0].in_channels if convs else 1
    x = torch.ones(1, channels, h, w, dtype=torch.float64, requires_grad=True)
    out = probe(x)
    out[0, :, out.shape[-2] // 2, out.shape[-1] // 2].sum().backward()
    reached = x.grad[0].abs().sum(0) > 0
    rows, cols = reached.any(1).nonzero().flatten(), reached.any(0).nonzero().flatten()
    box = (int(rows.max() - rows.min()) + 1, int(cols.max() - cols.min()) + 1)
    return box[0] if box[0] == box[1] else box
