"""Loops over the kernel's kh*kw taps only (not pixels): each tap is a strided slice times a channel-mixing matrix."""
import torch
import torch.nn.functional as F


def conv2d(x, weight, bias=None, stride=1, padding=0, dilation=1):
    pair = lambda v: (v, v) if isinstance(v, int) else tuple(v)
    (sh, sw), (ph, pw), (dh, dw) = pair(stride), pair(padding), pair(dilation)
    x = F.pad(x, (pw, pw, ph, ph))
    o, c, kh, kw = weight.shape
    h_out = (x.shape[2] - dh * (kh - 1) - 1) // sh + 1
    w_out = (x.shape[3] - dw * (kw - 1) - 1) // sw + 1
    out = 0
    for a in range(kh):
        for b in range(kw):
            patch = x[:, :, a * dh : a * dh + sh * (h_out - 1) + 1 : sh, b * dw : b * dw + sw * (w_out - 1) + 1 : sw]
            out = out + torch.einsum("nchw,oc->nohw", patch, weight[:, :, a, b])
    return out if bias is None else out + bias.view(1, -1, 1, 1)
