"""Computes the right numbers in NumPy and returns a NumPy array where a tensor is asked for."""
import numpy as np


def corr2d(X, K):
    X, K = np.asarray(X, dtype=float), np.asarray(K, dtype=float)
    kh, kw = K.shape
    Y = np.zeros((X.shape[0] - kh + 1, X.shape[1] - kw + 1))
    for i in range(Y.shape[0]):
        for j in range(Y.shape[1]):
            Y[i, j] = (X[i : i + kh, j : j + kw] * K).sum()
    return Y
