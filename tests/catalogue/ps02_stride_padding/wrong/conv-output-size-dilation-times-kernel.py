"""Takes the dilated kernel to span d * k pixels instead of d * (k - 1) + 1: one pixel too many
per extra unit of dilation, so every dilated layer comes out too small."""


def conv_output_size(size, kernel, stride=1, padding=0, dilation=1):
    args = (size, kernel, stride, padding, dilation)
    per_axis = [tuple(a) if isinstance(a, (tuple, list)) else (a, a) for a in args]
    out = []
    for n, k, s, p, d in zip(*per_axis):
        span = n + 2 * p - d * k
        if span < 0:
            raise ValueError("the output would be empty")
        out.append(span // s + 1)
    if any(isinstance(a, (tuple, list)) for a in args):
        return tuple(out)
    return out[0]
