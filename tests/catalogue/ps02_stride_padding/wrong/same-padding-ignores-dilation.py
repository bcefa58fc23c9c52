"""The seed mistake again: forgets dilation, padding (k - 1) / 2 whatever the dilation, so a
dilated 3x3 kernel (which spans 5 pixels with dilation 2) shrinks the image."""


def same_padding(kernel_size, dilation=1):
    args = (kernel_size, dilation)
    ks = tuple(kernel_size) if isinstance(kernel_size, (tuple, list)) else (kernel_size, kernel_size)
    pads = []
    for k in ks:
        if (k - 1) % 2:
            raise ValueError(f"kernel {k} is even")
        pads.append((k - 1) // 2)
    if any(isinstance(a, (tuple, list)) for a in args):
        return tuple(pads)
    return pads[0]
