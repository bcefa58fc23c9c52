"""Raises for an even kernel size instead of an even effective kernel: a 2x2 kernel with
dilation 2 spans 3 pixels and needs padding 1, but this raises ValueError."""


def same_padding(kernel_size, dilation=1):
    args = (kernel_size, dilation)
    per_axis = [tuple(a) if isinstance(a, (tuple, list)) else (a, a) for a in args]
    pads = []
    for k, d in zip(*per_axis):
        if k % 2 == 0:
            raise ValueError(f"kernel {k} is even")
        pads.append(d * (k - 1) // 2)
    if any(isinstance(a, (tuple, list)) for a in args):
        return tuple(pads)
    return pads[0]
