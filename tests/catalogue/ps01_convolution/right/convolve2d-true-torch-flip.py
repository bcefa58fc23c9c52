"""Flips with torch.flip and correlates with a torch loop, converting the result back to NumPy."""
import torch


def convolve2d_true(img, kernel):
    X, K = torch.as_tensor(img, dtype=torch.float64), torch.flip(torch.as_tensor(kernel, dtype=torch.float64), (0, 1))
    kh, kw = K.shape
    Y = torch.zeros(X.shape[0] - kh + 1, X.shape[1] - kw + 1, dtype=torch.float64)
    for i in range(Y.shape[0]):
        for j in range(Y.shape[1]):
            Y[i, j] = (X[i : i + kh, j : j + kw] * K).sum()
    return Y.numpy()
