"""Standardises every feature first: changes the distances of the space it is asked to judge."""
from sklearn.model_selection import cross_val_score
from sklearn.neighbors import KNeighborsClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler


def knn_accuracy(embeddings, labels, k=5):
    model = make_pipeline(StandardScaler(), KNeighborsClassifier(n_neighbors=k))
    return float(cross_val_score(model, embeddings, labels, cv=5).mean())
