"""conv2d: builds the input windows correctly (torch.as_strided with the padded input's own
strides), but flattens the weight into the (O, C*kh*kw) matrix with
weight.as_strided((O, C*kh*kw), (C*kh*kw, 1)), "a reshape without a copy", which reads the
weight's memory as if it were contiguous. It copies a kernel stored transposed (the last two
axes swapped, weight.transpose(2, 3)) first, the one other layout it expects; a channels-last
weight (weight.to(memory_format=torch.channels_last), what model.to(memory_format=...) gives
every nn.Conv2d) is read in the wrong order: garbage values, no error.
Contract: equal to F.conv2d for any weight (O, C, kh, kw), whatever its memory layout."""
import torch
import torch.nn.functional as F


def conv2d(x, weight, bias=None, stride=1, padding=0, dilation=1):
    sh, sw = (stride, stride) if isinstance(stride, int) else stride
    ph, pw = (padding, padding) if isinstance(padding, int) else padding
    dh, dw = (dilation, dilation) if isinstance(dilation, int) else dilation
    x = F.pad(x, (pw, pw, ph, ph))
    n, c, h, w = x.shape
    o, _, kh, kw = weight.shape
    h_out = (h - dh * (kh - 1) - 1) // sh + 1
    w_out = (w - dw * (kw - 1) - 1) // sw + 1
    s = x.stride()
    windows = x.as_strided((n, c, h_out, w_out, kh, kw), (s[0], s[1], s[2] * sh, s[3] * sw, s[2] * dh, s[3] * dw))
    cols = windows.permute(0, 2, 3, 1, 4, 5).reshape(n, h_out, w_out, c * kh * kw)
    if weight.transpose(2, 3).is_contiguous():  # a kernel stored the other way round
        weight = weight.contiguous()
    wmat = weight.as_strided((o, c * kh * kw), (c * kh * kw, 1))
    out = (cols @ wmat.T).permute(0, 3, 1, 2)
    return out if bias is None else out + bias[None, :, None, None]
