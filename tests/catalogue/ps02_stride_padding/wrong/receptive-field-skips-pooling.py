"""Only nn.Conv2d counts: pooling layers are skipped as if they had no kernel and no stride."""
import torch.nn as nn


def receptive_field(layers):
    rf, jump = [1, 1], [1, 1]
    for layer in layers:
        if not isinstance(layer, nn.Conv2d):
            continue
        for axis in range(2):
            rf[axis] += layer.dilation[axis] * (layer.kernel_size[axis] - 1) * jump[axis]
            jump[axis] *= layer.stride[axis]
    return tuple(v[0] if v[0] == v[1] else tuple(v) for v in (rf, jump))
