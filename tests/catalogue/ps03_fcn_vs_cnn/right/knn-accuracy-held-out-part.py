"""Holds out a stratified quarter (fixed random_state) instead of cross-validating: the issue's contract allows it."""
import numpy as np
from sklearn.model_selection import train_test_split
from sklearn.neighbors import KNeighborsClassifier


def knn_accuracy(embeddings, labels, k=5):
    fit_x, test_x, fit_y, test_y = train_test_split(np.asarray(embeddings), np.asarray(labels), test_size=0.25,
                                                    random_state=7, stratify=labels)
    return float(KNeighborsClassifier(n_neighbors=k).fit(fit_x, fit_y).score(test_x, test_y))
