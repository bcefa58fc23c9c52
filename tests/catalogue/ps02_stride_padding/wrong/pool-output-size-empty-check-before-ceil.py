"""Raises ValueError whenever the padded input is shorter than the kernel, also in ceil_mode,
where PyTorch keeps a window that starts inside the input and sticks out (1 pixel, kernel 4,
stride 2, padding 1, ceil_mode: nn.MaxPool2d gives 1)."""


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
        count = (-(-span // s) if ceil_mode else span // s) + 1
        if ceil_mode and (count - 1) * s >= n + p:
            count -= 1
        out.append(count)
    if any(isinstance(a, (tuple, list)) for a in args):
        return tuple(out)
    return out[0]
