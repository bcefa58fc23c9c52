"""Sorted by distance, but largest first."""


def lowe_ratio_filter(knn_matches, ratio=0.75):
    kept = [e[0] for e in knn_matches if len(e) >= 2 and e[0].distance < ratio * e[1].distance]
    return sorted(kept, key=lambda m: m.distance, reverse=True)
