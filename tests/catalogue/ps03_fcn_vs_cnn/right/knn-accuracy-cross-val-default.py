"""scikit-learn's cross_val_score with cv=5 (stratified folds, no shuffling)."""
from sklearn.model_selection import cross_val_score
from sklearn.neighbors import KNeighborsClassifier


def knn_accuracy(embeddings, labels, k=5):
    scores = cross_val_score(KNeighborsClassifier(n_neighbors=k), embeddings, labels, cv=5)
    return float(scores.mean())
