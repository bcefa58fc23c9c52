"""WRONG (lowe_ratio_filter): requires a safety margin, m.distance < ratio * n.distance - 1e-3, "to be
robust to float rounding".

The tie (12, 16) is still rejected and (10, 20) still kept, so the visible test passes, and real SIFT
distances (integers in the hundreds) almost never fall in the margin. A hidden test with a near-tie
(74.9999 vs 100 at 0.75) catches it.
"""


def lowe_ratio_filter(knn_matches, ratio=0.75):
    kept = [e[0] for e in knn_matches if len(e) >= 2 and e[0].distance < ratio * e[1].distance - 1e-3]
    return sorted(kept, key=lambda m: m.distance)
