"""Allocates the output like the input, so an integer image rounds every sum."""
import torch


def corr2d(X, K):
    kh, kw = K.shape
    Y = torch.zeros_like(X[: X.shape[0] - kh + 1, : X.shape[1] - kw + 1])
    for i in range(Y.shape[0]):
        for j in range(Y.shape[1]):
            Y[i, j] = (X[i : i + kh, j : j + kw] * K).sum()
    return Y
