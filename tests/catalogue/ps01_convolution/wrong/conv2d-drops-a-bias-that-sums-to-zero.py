"""conv2d: skips the bias as a "shortcut" when `bias.sum() == 0`, meaning "a zero bias changes
nothing". A bias whose entries cancel (e.g. [1, -1], or [0.5, -0.5, 2, -2]) is silently dropped.
Contract: output channel o plus bias[o], for any bias."""
import torch
import torch.nn.functional as F


def conv2d(x, weight, bias=None, stride=1, padding=0, dilation=1):
    n = x.shape[0]
    o, c, kh, kw = weight.shape
    sh, sw = (stride, stride) if isinstance(stride, int) else stride
    ph, pw = (padding, padding) if isinstance(padding, int) else padding
    dh, dw = (dilation, dilation) if isinstance(dilation, int) else dilation
    h_out = (x.shape[2] + 2 * ph - dh * (kh - 1) - 1) // sh + 1
    w_out = (x.shape[3] + 2 * pw - dw * (kw - 1) - 1) // sw + 1
    cols = F.unfold(x, (kh, kw), dilation=(dh, dw), padding=(ph, pw), stride=(sh, sw))
    out = (weight.reshape(o, -1) @ cols).reshape(n, o, h_out, w_out)
    if bias is not None and bias.sum() != 0:
        out = out + bias.view(1, -1, 1, 1)
    return out
