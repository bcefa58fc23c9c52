"""Flips the kernel by accident: true convolution instead of cross-correlation."""
import torch


def corr2d(X, K):
    K = torch.flip(K, dims=(0, 1))
    kh, kw = K.shape
    Y = torch.zeros((X.shape[0] - kh + 1, X.shape[1] - kw + 1))
    for i in range(Y.shape[0]):
        for j in range(Y.shape[1]):
            Y[i, j] = (X[i : i + kh, j : j + kw] * K).sum()
    return Y
