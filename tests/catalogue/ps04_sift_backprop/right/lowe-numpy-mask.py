"""Vectorised with NumPy: a mask over the entries with two neighbours, then argsort (stable)."""
import numpy as np


def lowe_ratio_filter(knn_matches, ratio=0.75):
    pairs = [e for e in knn_matches if len(e) >= 2]
    if not pairs:
        return []
    first = np.array([e[0].distance for e in pairs], dtype=np.float64)
    second = np.array([e[1].distance for e in pairs], dtype=np.float64)
    keep = np.flatnonzero(first < ratio * second)
    order = keep[np.argsort(first[keep], kind="stable")]
    return [pairs[i][0] for i in order]
