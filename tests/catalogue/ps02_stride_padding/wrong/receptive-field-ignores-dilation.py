"""The seed mistake once more: forgets dilation, r += (k - 1) * j, so dilated layers (and
dilated max-pooling) look as small as dense ones."""
import torch.nn as nn


def receptive_field(layers):
    rf, jump = [1, 1], [1, 1]
    for layer in layers:
        if not isinstance(layer, (nn.Conv2d, nn.MaxPool2d, nn.AvgPool2d)):
            continue
        kernel, stride = (tuple(v) if isinstance(v, (tuple, list)) else (v, v) for v in (layer.kernel_size, layer.stride))
        for axis in range(2):
            rf[axis] += (kernel[axis] - 1) * jump[axis]
            jump[axis] *= stride[axis]
    return tuple(v[0] if v[0] == v[1] else tuple(v) for v in (rf, jump))
