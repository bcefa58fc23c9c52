"""Pairs are split and each axis is computed by calling the function again with ints."""


def conv_output_size(size, kernel, stride=1, padding=0, dilation=1):
    args = [size, kernel, stride, padding, dilation]
    if any(isinstance(a, (tuple, list)) for a in args):
        pick = lambda a, i: a[i] if isinstance(a, (tuple, list)) else a
        return tuple(conv_output_size(*(pick(a, i) for a in args)) for i in (0, 1))
    effective = dilation * (kernel - 1) + 1
    if size + 2 * padding < effective:
        raise ValueError(f"no window fits: padded size {size + 2 * padding} < effective kernel {effective}")
    return (size + 2 * padding - effective) // stride + 1
