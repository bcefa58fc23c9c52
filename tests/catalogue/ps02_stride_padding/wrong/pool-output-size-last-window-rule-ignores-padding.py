"""ceil_mode's rule applied to the unpadded input: drops a last window that starts at or after
n instead of at or after n + p, so windows starting in the left padding's share are lost."""


def pool_output_size(size, kernel, stride=None, padding=0, ceil_mode=False):
    if stride is None:
        stride = kernel
    args = (size, kernel, stride, padding)
    per_axis = [tuple(a) if isinstance(a, (tuple, list)) else (a, a) for a in args]
    out = []
    for n, k, s, p in zip(*per_axis):
        span = n + 2 * p - k
        count = (-(-span // s) if ceil_mode else span // s) + 1
        if ceil_mode and (count - 1) * s >= n:
            count -= 1
        if count < 1:
            raise ValueError("the output would be empty")
        out.append(count)
    if any(isinstance(a, (tuple, list)) for a in args):
        return tuple(out)
    return out[0]
