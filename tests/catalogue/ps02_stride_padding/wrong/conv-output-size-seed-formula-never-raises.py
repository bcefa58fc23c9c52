"""The origin notebook's formula as it was: int((n + 2p - d(k-1) - 1) / s + 1), with no check
for an empty output, so impossible layers get a size of 0 (or less) instead of a ValueError."""


def conv_output_size(size, kernel, stride=1, padding=0, dilation=1):
    args = (size, kernel, stride, padding, dilation)
    per_axis = [tuple(a) if isinstance(a, (tuple, list)) else (a, a) for a in args]
    out = [int((n + 2 * p - d * (k - 1) - 1) / s + 1) for n, k, s, p, d in zip(*per_axis)]
    if any(isinstance(a, (tuple, list)) for a in args):
        return tuple(out)
    return out[0]
