"""The seed mistake: floors at the wrong place. int(numerator / stride) + 1 truncates toward
zero, so a numerator of -1 with stride 2 gives int(-0.5) + 1 = 1 instead of floor(-0.5) + 1 = 0:
size 1, kernel 4, padding 1, stride 2 returns 1 where nn.Conv2d has no output at all."""


def conv_output_size(size, kernel, stride=1, padding=0, dilation=1):
    args = (size, kernel, stride, padding, dilation)
    per_axis = [tuple(a) if isinstance(a, (tuple, list)) else (a, a) for a in args]
    out = []
    for n, k, s, p, d in zip(*per_axis):
        value = int((n + 2 * p - d * (k - 1) - 1) / s) + 1
        if value < 1:
            raise ValueError(f"the output would be empty ({value} pixels)")
        out.append(value)
    if any(isinstance(a, (tuple, list)) for a in args):
        return tuple(out)
    return out[0]
