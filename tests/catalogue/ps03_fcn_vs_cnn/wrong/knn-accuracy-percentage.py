"""Returns a percentage instead of a fraction."""
from sklearn.model_selection import cross_val_score
from sklearn.neighbors import KNeighborsClassifier


def knn_accuracy(embeddings, labels, k=5):
    return 100 * float(cross_val_score(KNeighborsClassifier(n_neighbors=k), embeddings, labels, cv=5).mean())
