"""Pads with F.pad(x, (ph, ph, pw, pw)): F.pad's first pair is the *last* axis (width)."""
import torch
import torch.nn.functional as F


def conv2d(x, weight, bias=None, stride=1, padding=0, dilation=1):
    pair = lambda v: (v, v) if isinstance(v, int) else tuple(v)
    (sh, sw), (ph, pw), dilation = pair(stride), pair(padding), pair(dilation)
    x = F.pad(x, (ph, ph, pw, pw))
    n, _, h, w = x.shape
    o, _, kh, kw = weight.shape
    h_out = (h - dilation[0] * (kh - 1) - 1) // sh + 1
    w_out = (w - dilation[1] * (kw - 1) - 1) // sw + 1
    cols = F.unfold(x, (kh, kw), dilation=dilation, stride=(sh, sw))
    out = weight.reshape(o, -1) @ cols
    if bias is not None:
        out = out + bias.reshape(1, o, 1)
    return out.reshape(n, o, h_out, w_out)
