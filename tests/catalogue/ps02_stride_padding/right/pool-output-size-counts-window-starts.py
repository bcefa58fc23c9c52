"""Counts window starts one by one (in padded coordinates): a start is kept while its window fits;
in ceil_mode also the next one, if it still covers unseen pixels and starts before the right padding."""


def pool_output_size(size, kernel, stride=None, padding=0, ceil_mode=False):
    stride = kernel if stride is None else stride
    args = (size, kernel, stride, padding)
    paired = any(isinstance(a, (tuple, list)) for a in args)
    out = []
    for axis in range(2):
        n, k, s, p = (a[axis] if isinstance(a, (tuple, list)) else a for a in args)
        count, start = 0, 0
        while start + k <= n + 2 * p:  # whole window inside the padded input
            count, start = count + 1, start + s
        # ceil_mode: one more window, sticking out, if pixels are left over (it starts less than
        # one stride past the last full start) and it starts inside the input or the left padding.
        if ceil_mode and start < n + 2 * p - k + s and start < n + p:
            count += 1
        if count == 0:
            raise ValueError(f"no pooling window fits on axis {axis}")
        out.append(count)
    return tuple(out) if paired else out[0]
