"""The ratio is hard-coded to 0.75; the argument is ignored."""


def lowe_ratio_filter(knn_matches, ratio=0.75):
    kept = [e[0] for e in knn_matches if len(e) >= 2 and e[0].distance < 0.75 * e[1].distance]
    return sorted(kept, key=lambda m: m.distance)
