"""Uses the output-to-input recurrence r = s * r + (k_eff - s), which is right when applied from
the last layer back to the first, but applies it from the first layer on."""
import torch.nn as nn


def receptive_field(layers):
    rf, jump = [1, 1], [1, 1]
    for layer in layers:
        if not isinstance(layer, (nn.Conv2d, nn.MaxPool2d, nn.AvgPool2d)):
            continue
        kernel, stride, dilation = (tuple(v) if isinstance(v, (tuple, list)) else (v, v)
                                    for v in (layer.kernel_size, layer.stride, getattr(layer, "dilation", 1)))
        for axis in range(2):
            effective = dilation[axis] * (kernel[axis] - 1) + 1
            rf[axis] = stride[axis] * rf[axis] + (effective - stride[axis])
            jump[axis] *= stride[axis]
    return tuple(v[0] if v[0] == v[1] else tuple(v) for v in (rf, jump))
