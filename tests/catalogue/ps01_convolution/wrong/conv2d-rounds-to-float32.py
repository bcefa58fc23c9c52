"""conv2d: does the matrix product in float32 (`cols.float()`, `weight.float()`) "because
float32 is what networks use", so a float64 input comes back float32 and only ~7 digits
right. Contract: equal to F.conv2d to 1e-5 in float64 -- fails once the sums are large
(many channels / big kernels / large values)."""
import torch
import torch.nn.functional as F


def conv2d(x, weight, bias=None, stride=1, padding=0, dilation=1):
    n = x.shape[0]
    o, c, kh, kw = weight.shape
    cols = F.unfold(x, (kh, kw), dilation=dilation, padding=padding, stride=stride).float()
    out = weight.reshape(o, -1).float() @ cols
    sh, sw = (stride, stride) if isinstance(stride, int) else stride
    ph, pw = (padding, padding) if isinstance(padding, int) else padding
    dh, dw = (dilation, dilation) if isinstance(dilation, int) else dilation
    h_out = (x.shape[2] + 2 * ph - dh * (kh - 1) - 1) // sh + 1
    w_out = (x.shape[3] + 2 * pw - dw * (kw - 1) - 1) // sw + 1
    out = out.reshape(n, o, h_out, w_out)
    if bias is not None:
        out = out + bias.float().view(1, -1, 1, 1)
    return out
