"""conv2d: two code paths chosen by the stride. For stride == 1 it pads with F.pad and uses
Tensor.unfold windows of the kernel's size -- forgetting the dilation; for any other stride it uses
F.unfold with every argument. conv2d(x, w, padding=2, dilation=2) (a 'same' dilated layer) returns
the undilated result. Visible tests use dilation only with stride 2.
Contract: every combination of stride, padding and dilation equals F.conv2d."""
import torch
import torch.nn.functional as F


def conv2d(x, weight, bias=None, stride=1, padding=0, dilation=1):
    o, c, kh, kw = weight.shape
    ph, pw = (padding, padding) if isinstance(padding, int) else padding
    if stride == 1 or stride == (1, 1):
        xp = F.pad(x, (pw, pw, ph, ph))
        win = xp.unfold(2, kh, 1).unfold(3, kw, 1)
        out = torch.einsum("nchwab,ocab->nohw", win, weight)
    else:
        sh, sw = (stride, stride) if isinstance(stride, int) else stride
        dh, dw = (dilation, dilation) if isinstance(dilation, int) else dilation
        h_out = (x.shape[2] + 2 * ph - dh * (kh - 1) - 1) // sh + 1
        w_out = (x.shape[3] + 2 * pw - dw * (kw - 1) - 1) // sw + 1
        cols = F.unfold(x, (kh, kw), dilation=(dh, dw), padding=(ph, pw), stride=(sh, sw))
        out = (weight.reshape(o, -1) @ cols).reshape(x.shape[0], o, h_out, w_out)
    if bias is not None:
        out = out + bias.view(1, -1, 1, 1)
    return out
