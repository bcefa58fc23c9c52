"""math.floor of a true division (floor, not int(), so negative numerators round down) and a
check on the result instead of on the numerator."""
import math


def conv_output_size(size, kernel, stride=1, padding=0, dilation=1):
    names = ("size", "kernel", "stride", "padding", "dilation")
    values = dict(zip(names, (size, kernel, stride, padding, dilation)))
    paired = any(isinstance(v, (tuple, list)) for v in values.values())

    def axis(i):
        n, k, s, p, d = (v[i] if isinstance(v, (tuple, list)) else v for v in values.values())
        return math.floor((n + 2 * p - d * (k - 1) - 1) / s) + 1

    out = [axis(0), axis(1)]
    if min(out) < 1:
        raise ValueError(f"empty output {out}: the padded input is shorter than the dilated kernel")
    return tuple(out) if paired else out[0]
