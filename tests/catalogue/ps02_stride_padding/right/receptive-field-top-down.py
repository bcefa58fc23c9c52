"""The output-to-input recurrence r <- s * r + (k_eff - s), applied from the last layer back to
the first; the jump is the product of the strides."""
import torch.nn as nn


def receptive_field(layers):
    geometry = []
    for layer in layers:
        if isinstance(layer, (nn.Conv2d, nn.MaxPool2d, nn.AvgPool2d)):
            as_pair = lambda v: (v, v) if isinstance(v, int) else (v[0], v[1])
            geometry.append([as_pair(layer.kernel_size), as_pair(layer.stride),
                             as_pair(getattr(layer, "dilation", 1))])
    rf, jump = [1, 1], [1, 1]
    for axis in range(2):
        for kernel, stride, dilation in reversed(geometry):
            effective = dilation[axis] * (kernel[axis] - 1) + 1
            rf[axis] = stride[axis] * rf[axis] + (effective - stride[axis])
            jump[axis] *= stride[axis]
    rf = rf[0] if rf[0] == rf[1] else tuple(rf)
    jump = jump[0] if jump[0] == jump[1] else tuple(jump)
    return rf, jump
