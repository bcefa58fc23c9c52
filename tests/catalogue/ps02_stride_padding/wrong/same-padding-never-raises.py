"""Rounds d(k - 1) / 2 down for even effective kernels instead of raising ValueError: the layer
then loses a pixel, silently."""


def same_padding(kernel_size, dilation=1):
    args = (kernel_size, dilation)
    per_axis = [tuple(a) if isinstance(a, (tuple, list)) else (a, a) for a in args]
    pads = [d * (k - 1) // 2 for k, d in zip(*per_axis)]
    if any(isinstance(a, (tuple, list)) for a in args):
        return tuple(pads)
    return pads[0]
