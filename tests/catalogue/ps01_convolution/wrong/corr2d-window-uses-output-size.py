"""Seed mistake: the window is sliced with the output size, not the kernel size.

Right only when the output happens to be exactly as large as the kernel.
"""
import torch


def corr2d(X, K):
    kh, kw = K.shape
    h_out, w_out = X.shape[0] - kh + 1, X.shape[1] - kw + 1
    Y = torch.zeros((h_out, w_out))
    for i in range(h_out):
        for j in range(w_out):
            Y[i, j] = (X[i : i + h_out, j : j + w_out] * K).sum()
    return Y
