"""Always rounds down: ceil_mode=True is accepted and ignored."""


def pool_output_size(size, kernel, stride=None, padding=0, ceil_mode=False):
    if stride is None:
        stride = kernel
    args = (size, kernel, stride, padding)
    per_axis = [tuple(a) if isinstance(a, (tuple, list)) else (a, a) for a in args]
    out = []
    for n, k, s, p in zip(*per_axis):
        span = n + 2 * p - k
        if span < 0:
            raise ValueError("the output would be empty")
        out.append(span // s + 1)
    if any(isinstance(a, (tuple, list)) for a in args):
        return tuple(out)
    return out[0]
