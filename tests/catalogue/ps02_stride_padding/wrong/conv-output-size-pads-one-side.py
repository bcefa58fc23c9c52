"""Adds the padding once (n + p) instead of on both sides (n + 2p)."""


def conv_output_size(size, kernel, stride=1, padding=0, dilation=1):
    args = (size, kernel, stride, padding, dilation)
    per_axis = [tuple(a) if isinstance(a, (tuple, list)) else (a, a) for a in args]
    out = []
    for n, k, s, p, d in zip(*per_axis):
        span = n + p - d * (k - 1) - 1
        if span < 0:
            raise ValueError("the output would be empty")
        out.append(span // s + 1)
    if any(isinstance(a, (tuple, list)) for a in args):
        return tuple(out)
    return out[0]
