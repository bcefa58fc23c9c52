"""Accepts pairs but pads both axes with the first axis's value: a (3, 5) kernel gets (1, 1)."""


def same_padding(kernel_size, dilation=1):
    k = kernel_size[0] if isinstance(kernel_size, (tuple, list)) else kernel_size
    d = dilation[0] if isinstance(dilation, (tuple, list)) else dilation
    if (d * (k - 1)) % 2:
        raise ValueError("the effective kernel is even")
    p = d * (k - 1) // 2
    if isinstance(kernel_size, (tuple, list)) or isinstance(dilation, (tuple, list)):
        return (p, p)
    return p
