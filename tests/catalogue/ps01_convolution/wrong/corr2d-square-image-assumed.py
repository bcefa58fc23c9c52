"""Uses the image height for both output dimensions: right for square images only."""
import torch


def corr2d(X, K):
    kh, kw = K.shape
    n = X.shape[0]
    Y = torch.zeros((n - kh + 1, n - kw + 1))
    for i in range(Y.shape[0]):
        for j in range(min(Y.shape[1], X.shape[1] - kw + 1)):
            Y[i, j] = (X[i : i + kh, j : j + kw] * K).sum()
    return Y
