"""Keeps the second neighbour n of each passing entry instead of the first m: right
queryIdx, wrong trainIdx and distance."""


def lowe_ratio_filter(knn_matches, ratio=0.75):
    kept = [e[1] for e in knn_matches if len(e) >= 2 and e[0].distance < ratio * e[1].distance]
    return sorted(kept, key=lambda m: m.distance)
