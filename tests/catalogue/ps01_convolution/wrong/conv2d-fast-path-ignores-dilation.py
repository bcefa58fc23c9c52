"""conv2d: a "fast path" for `stride == 1 and padding == 0` (Tensor.unfold + einsum) that forgets
the dilation; the general F.unfold path handles everything. conv2d(x, w, dilation=2) with the
default stride and padding returns the undilated correlation. In the visible tests dilation
only ever comes with stride 2 and padding 1. Contract: every combination of stride, padding and
dilation equals F.conv2d."""
import torch
import torch.nn.functional as F


def conv2d(x, weight, bias=None, stride=1, padding=0, dilation=1):
    o, c, kh, kw = weight.shape
    if stride == 1 and padding == 0:
        win = x.unfold(2, kh, 1).unfold(3, kw, 1)  # (N, C, Ho, Wo, kh, kw)
        out = torch.einsum("nchwab,ocab->nohw", win, weight)
    else:
        sh, sw = (stride, stride) if isinstance(stride, int) else stride
        ph, pw = (padding, padding) if isinstance(padding, int) else padding
        dh, dw = (dilation, dilation) if isinstance(dilation, int) else dilation
        h_out = (x.shape[2] + 2 * ph - dh * (kh - 1) - 1) // sh + 1
        w_out = (x.shape[3] + 2 * pw - dw * (kw - 1) - 1) // sw + 1
        cols = F.unfold(x, (kh, kw), dilation=(dh, dw), padding=(ph, pw), stride=(sh, sw))
        out = (weight.reshape(o, -1) @ cols).reshape(x.shape[0], o, h_out, w_out)
    if bias is not None:
        out = out + bias.view(1, -1, 1, 1)
    return out
