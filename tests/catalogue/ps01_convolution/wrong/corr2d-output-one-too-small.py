"""Output size H - kh instead of H - kh + 1: the last row and column are lost."""
import torch


def corr2d(X, K):
    kh, kw = K.shape
    Y = torch.zeros((X.shape[0] - kh, X.shape[1] - kw))
    for i in range(Y.shape[0]):
        for j in range(Y.shape[1]):
            Y[i, j] = (X[i : i + kh, j : j + kw] * K).sum()
    return Y
