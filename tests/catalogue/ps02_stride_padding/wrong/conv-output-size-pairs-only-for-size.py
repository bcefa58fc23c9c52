"""Handles an (h, w) pair for the size only; kernel, stride, padding and dilation are assumed
to be ints, so a non-square kernel or stride breaks it."""


def conv_output_size(size, kernel, stride=1, padding=0, dilation=1):
    def one(n):
        span = n + 2 * padding - dilation * (kernel - 1) - 1
        if span < 0:
            raise ValueError("the output would be empty")
        return span // stride + 1

    if isinstance(size, (tuple, list)):
        return (one(size[0]), one(size[1]))
    return one(size)
