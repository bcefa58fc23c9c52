"""Positive random weights (|w| + 0.1) and a positive random input instead of constants; the
copy's max-pools become average pools through a module walk on named_modules."""
import copy

import torch
import torch.nn as nn


def empirical_receptive_field(model, input_size):
    h, w = tuple(input_size) if isinstance(input_size, (tuple, list)) else (input_size, input_size)
    probe = copy.deepcopy(model).double().eval()
    for name, module in list(probe.named_modules()):
        if isinstance(module, nn.MaxPool2d):
            parent = probe.get_submodule(name.rpartition(".")[0]) if "." in name else probe
            setattr(parent, name.rpartition(".")[2],
                    nn.AvgPool2d(module.kernel_size, module.stride, module.padding, ceil_mode=module.ceil_mode))
    g = torch.Generator().manual_seed(0)
    channels = None
    with torch.no_grad():
        for module in probe.modules():
            if isinstance(module, nn.Conv2d):
                channels = channels or module.in_channels
                module.weight.copy_(torch.rand(module.weight.shape, generator=g, dtype=torch.float64) + 0.1)
                module.weight /= module.weight[0].sum()
                if module.bias is not None:
                    module.bias.zero_()
    x = (torch.rand(1, channels or 1, h, w, generator=g, dtype=torch.float64) + 0.5).requires_grad_(True)
    out = probe(x)
    out[0, :, out.shape[-2] // 2, out.shape[-1] // 2].sum().backward()
    nonzero = (x.grad != 0).any(dim=(0, 1)).nonzero()
    height = int(nonzero[:, 0].max() - nonzero[:, 0].min()) + 1
    width = int(nonzero[:, 1].max() - nonzero[:, 1].min()) + 1
    return height if height == width else (height, width)
