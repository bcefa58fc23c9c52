"""Ten folds by hand in NumPy: a seeded shuffle, each fold classified by the other nine."""
import numpy as np


def knn_accuracy(embeddings, labels, k=5):
    x, y = np.asarray(embeddings, dtype=np.float64), np.asarray(labels)
    folds = np.array_split(np.random.default_rng(0).permutation(len(y)), 10)
    right = 0
    for fold in folds:
        train = np.setdiff1d(np.arange(len(y)), fold)
        d = ((x[fold, None, :] - x[None, train, :]) ** 2).sum(-1)
        nearest = np.argsort(d, axis=1, kind="stable")[:, :k]
        votes = [np.bincount(y[train][row]).argmax() for row in nearest]
        right += int((np.array(votes) == y[fold]).sum())
    return right / len(y)
