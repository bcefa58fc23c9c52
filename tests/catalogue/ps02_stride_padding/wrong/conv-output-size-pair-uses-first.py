"""Accepts pairs but uses their first value on both axes: right for square layers only."""


def conv_output_size(size, kernel, stride=1, padding=0, dilation=1):
    args = (size, kernel, stride, padding, dilation)
    n, k, s, p, d = (a[0] if isinstance(a, (tuple, list)) else a for a in args)
    span = n + 2 * p - d * (k - 1) - 1
    if span < 0:
        raise ValueError("the output would be empty")
    out = span // s + 1
    if any(isinstance(a, (tuple, list)) for a in args):
        return (out, out)
    return out
