"""Multiplies the jump by the layer's stride before growing the receptive field, so a strided
layer's own taps are spaced as if they were already on its output grid."""
import torch.nn as nn


def receptive_field(layers):
    rf, jump = [1, 1], [1, 1]
    for layer in layers:
        if not isinstance(layer, (nn.Conv2d, nn.MaxPool2d, nn.AvgPool2d)):
            continue
        kernel, stride, dilation = (tuple(v) if isinstance(v, (tuple, list)) else (v, v)
                                    for v in (layer.kernel_size, layer.stride, getattr(layer, "dilation", 1)))
        for axis in range(2):
            jump[axis] *= stride[axis]
            rf[axis] += dilation[axis] * (kernel[axis] - 1) * jump[axis]
    return tuple(v[0] if v[0] == v[1] else tuple(v) for v in (rf, jump))
