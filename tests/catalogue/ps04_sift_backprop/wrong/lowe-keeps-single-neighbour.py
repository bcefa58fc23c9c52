"""An entry with a single neighbour is kept (as if it passed the test) instead of skipped."""


def lowe_ratio_filter(knn_matches, ratio=0.75):
    kept = []
    for e in knn_matches:
        if len(e) == 1 or (len(e) >= 2 and e[0].distance < ratio * e[1].distance):
            kept.append(e[0])
    return sorted(kept, key=lambda m: m.distance)
