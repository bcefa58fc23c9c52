"""An explicit loop, operator.attrgetter for sorting, a tuple as the result."""
from operator import attrgetter


def lowe_ratio_filter(knn_matches, ratio=0.75):
    kept = []
    for entry in knn_matches:
        if len(entry) < 2:
            continue
        first, second = entry[0], entry[1]
        if first.distance < ratio * second.distance:
            kept.append(first)
    kept.sort(key=attrgetter("distance"))
    return tuple(kept)
