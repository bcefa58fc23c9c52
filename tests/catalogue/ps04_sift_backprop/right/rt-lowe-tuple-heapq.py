"""RIGHT (lowe_ratio_filter): a generator filter, then heapq.nsmallest over all kept matches (equivalent
to a full sort by distance, smallest first; ties in any order), returned as a tuple - the contract says
"a list (or tuple)".
"""
import heapq
import itertools


def lowe_ratio_filter(knn_matches, ratio=0.75):
    kept = [first for first, second in
            (tuple(itertools.islice(entry, 2)) for entry in knn_matches if len(entry) >= 2)
            if first.distance < ratio * second.distance]
    return tuple(heapq.nsmallest(len(kept), kept, key=lambda m: m.distance))
