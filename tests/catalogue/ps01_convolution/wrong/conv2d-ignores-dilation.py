"""Forgets dilation: the taps stay next to each other."""
import torch.nn.functional as F


def conv2d(x, weight, bias=None, stride=1, padding=0, dilation=1):
    pair = lambda v: (v, v) if isinstance(v, int) else tuple(v)
    stride, padding = pair(stride), pair(padding)
    n, _, h, w = x.shape
    o, _, kh, kw = weight.shape
    h_out = (h + 2 * padding[0] - kh) // stride[0] + 1
    w_out = (w + 2 * padding[1] - kw) // stride[1] + 1
    cols = F.unfold(x, (kh, kw), padding=padding, stride=stride)
    out = weight.reshape(o, -1) @ cols
    if bias is not None:
        out = out + bias.reshape(1, o, 1)
    return out.reshape(n, o, h_out, w_out)
