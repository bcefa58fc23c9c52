"""The seed's loop, `for m, n in matches`: it unpacks every entry into two matches and
raises ValueError on an entry with one neighbour (or none)."""


def lowe_ratio_filter(knn_matches, ratio=0.75):
    kept = []
    for m, n in knn_matches:
        if m.distance < ratio * n.distance:
            kept.append(m)
    return sorted(kept, key=lambda m: m.distance)
