"""Applies the ratio to squared distances (m.d^2 < ratio * n.d^2), which is the test at
ratio sqrt(0.75) = 0.87 on distances: too lenient."""


def lowe_ratio_filter(knn_matches, ratio=0.75):
    kept = [e[0] for e in knn_matches if len(e) >= 2 and e[0].distance ** 2 < ratio * e[1].distance ** 2]
    return sorted(kept, key=lambda m: m.distance)
