"""Flattens batch and positions together, then reshapes to (N, O, H, W) without moving the batch axis back."""
import torch.nn.functional as F


def conv2d(x, weight, bias=None, stride=1, padding=0, dilation=1):
    pair = lambda v: (v, v) if isinstance(v, int) else tuple(v)
    stride, padding, dilation = pair(stride), pair(padding), pair(dilation)
    n, _, h, w = x.shape
    o, _, kh, kw = weight.shape
    h_out = (h + 2 * padding[0] - dilation[0] * (kh - 1) - 1) // stride[0] + 1
    w_out = (w + 2 * padding[1] - dilation[1] * (kw - 1) - 1) // stride[1] + 1
    cols = F.unfold(x, (kh, kw), dilation=dilation, padding=padding, stride=stride)  # (N, C*kh*kw, L)
    rows = cols.transpose(1, 2).reshape(-1, cols.shape[1])  # (N*L, C*kh*kw)
    out = rows @ weight.reshape(o, -1).T  # (N*L, O)
    if bias is not None:
        out = out + bias
    return out.reshape(n, o, h_out, w_out)
