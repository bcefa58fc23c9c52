"""Per-axis NumPy arithmetic; returns ints for an all-square stack and (h, w) tuples for both rf and
jump as soon as one layer is non-square (equal pairs such as (1, 1) are accepted there)."""
import numpy as np
import torch.nn as nn


def receptive_field(layers):
    rf, jump = np.ones(2, dtype=np.int64), np.ones(2, dtype=np.int64)
    square = True
    for layer in layers:
        if isinstance(layer, (nn.Conv2d, nn.MaxPool2d, nn.AvgPool2d)):
            k = np.broadcast_to(np.asarray(layer.kernel_size), (2,))
            s = np.broadcast_to(np.asarray(layer.stride), (2,))
            d = np.broadcast_to(np.asarray(getattr(layer, "dilation", 1)), (2,))
            square = square and k[0] == k[1] and s[0] == s[1] and d[0] == d[1]
            rf = rf + d * (k - 1) * jump
            jump = jump * s
    if square:
        return int(rf[0]), int(jump[0])
    return tuple(int(v) for v in rf), tuple(int(v) for v in jump)
