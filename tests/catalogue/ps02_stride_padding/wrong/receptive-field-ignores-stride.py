"""Adds the kernels up, r += d(k - 1), as if every layer had stride 1 (the jump stays 1 in
the sum): right for stride-1 stacks only."""
import torch.nn as nn


def receptive_field(layers):
    rf, jump = [1, 1], [1, 1]
    for layer in layers:
        if not isinstance(layer, (nn.Conv2d, nn.MaxPool2d, nn.AvgPool2d)):
            continue
        kernel, stride, dilation = (tuple(v) if isinstance(v, (tuple, list)) else (v, v)
                                    for v in (layer.kernel_size, layer.stride, getattr(layer, "dilation", 1)))
        for axis in range(2):
            rf[axis] += dilation[axis] * (kernel[axis] - 1)
            jump[axis] *= stride[axis]
    return tuple(v[0] if v[0] == v[1] else tuple(v) for v in (rf, jump))
