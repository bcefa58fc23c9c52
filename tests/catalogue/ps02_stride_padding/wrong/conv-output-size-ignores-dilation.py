"""The seed mistake: forgets dilation, (n + 2p - k) // s + 1, as if every kernel were dense."""


def conv_output_size(size, kernel, stride=1, padding=0, dilation=1):
    args = (size, kernel, stride, padding)
    per_axis = [tuple(a) if isinstance(a, (tuple, list)) else (a, a) for a in args]
    out = []
    for n, k, s, p in zip(*per_axis):
        span = n + 2 * p - k
        if span < 0:
            raise ValueError("the output would be empty")
        out.append(span // s + 1)
    if any(isinstance(a, (tuple, list)) for a in (size, kernel, stride, padding, dilation)):
        return tuple(out)
    return out[0]
