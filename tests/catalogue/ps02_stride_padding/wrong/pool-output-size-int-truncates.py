"""Floors at the wrong place, as the seed did: int((n + 2p - k) / s) + 1 truncates toward zero,
so 1 pixel, kernel 4, stride 2, padding 1 gives 1 where nn.MaxPool2d has no output."""
import math


def pool_output_size(size, kernel, stride=None, padding=0, ceil_mode=False):
    if stride is None:
        stride = kernel
    args = (size, kernel, stride, padding)
    per_axis = [tuple(a) if isinstance(a, (tuple, list)) else (a, a) for a in args]
    out = []
    for n, k, s, p in zip(*per_axis):
        ratio = (n + 2 * p - k) / s
        count = (math.ceil(ratio) if ceil_mode else int(ratio)) + 1
        if ceil_mode and (count - 1) * s >= n + p:
            count -= 1
        if count < 1:
            raise ValueError("the output would be empty")
        out.append(count)
    if any(isinstance(a, (tuple, list)) for a in args):
        return tuple(out)
    return out[0]
