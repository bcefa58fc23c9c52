"""conv2d: pads with F.pad, then builds the windows with torch.as_strided using strides computed
from the padded input's SHAPE, (C*H*W, H*W, W, 1), i.e. assuming a contiguous layout. F.pad
returns a fresh contiguous tensor for an ordinary input, and even for a strided view such as
x[:, :, ::2], so the answer looks right; but it keeps the memory format of a channels-last input
(x.to(memory_format=torch.channels_last), a common speed idiom, and what a model converted to
channels-last passes), and then the windows read the wrong elements: garbage values, no error.
Contract: equal to F.conv2d for any x (N, C, H, W), whatever its memory layout."""
import torch
import torch.nn.functional as F


def conv2d(x, weight, bias=None, stride=1, padding=0, dilation=1):
    sh, sw = (stride, stride) if isinstance(stride, int) else stride
    ph, pw = (padding, padding) if isinstance(padding, int) else padding
    dh, dw = (dilation, dilation) if isinstance(dilation, int) else dilation
    x = F.pad(x, (pw, pw, ph, ph))  # a new tensor: "contiguous" (but it keeps channels-last)
    n, c, h, w = x.shape
    o, _, kh, kw = weight.shape
    h_out = (h - dh * (kh - 1) - 1) // sh + 1
    w_out = (w - dw * (kw - 1) - 1) // sw + 1
    s = (c * h * w, h * w, w, 1)
    windows = x.as_strided((n, c, h_out, w_out, kh, kw), (s[0], s[1], s[2] * sh, s[3] * sw, s[2] * dh, s[3] * dw))
    out = torch.einsum("ncijab,ocab->noij", windows, weight)
    return out if bias is None else out + bias[None, :, None, None]
