"""The kept matches are returned in the order of the entries, not sorted by distance."""


def lowe_ratio_filter(knn_matches, ratio=0.75):
    return [e[0] for e in knn_matches if len(e) >= 2 and e[0].distance < ratio * e[1].distance]
