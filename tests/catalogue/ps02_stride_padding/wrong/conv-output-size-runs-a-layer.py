"""Does not use the formula: runs an nn.Conv2d on a tensor of zeros and reads the output shape
(turning its RuntimeError into a ValueError). Right numbers, but the exercise is the formula."""
import torch
import torch.nn as nn


def conv_output_size(size, kernel, stride=1, padding=0, dilation=1):
    args = (size, kernel, stride, padding, dilation)
    h, w = tuple(size) if isinstance(size, (tuple, list)) else (size, size)
    layer = nn.Conv2d(1, 1, kernel, stride=stride, padding=padding, dilation=dilation, bias=False)
    try:
        with torch.no_grad():
            out = tuple(layer(torch.zeros(1, 1, h, w)).shape[-2:])
    except RuntimeError as error:
        raise ValueError(f"the output would be empty: {error}") from None
    if any(isinstance(a, (tuple, list)) for a in args):
        return out
    return out[0]
