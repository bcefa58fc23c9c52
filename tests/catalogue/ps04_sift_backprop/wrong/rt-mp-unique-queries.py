"""WRONG (match_precision): counts correct *keypoints* of img1 rather than correct matches: the numerator
and denominator are over unique queryIdx (a keypoint is correct if any of its matches is).

Identical whenever each query appears once (the ratio test gives one match per query), so the visible
test and the notebook's curve pass; a hand-built match list with two matches from one keypoint (one
right, one wrong) gives 1.0 instead of 0.5.
"""
import numpy as np


def match_precision(kp1, kp2, matches, H, tol_px=3.0):
    if len(matches) == 0:
        return 0.0
    p = np.array([kp1[m.queryIdx].pt for m in matches], dtype=np.float64)
    q = np.array([kp2[m.trainIdx].pt for m in matches], dtype=np.float64)
    ph = np.hstack([p, np.ones((len(p), 1))]) @ np.asarray(H, float).T
    mapped = ph[:, :2] / ph[:, 2:]
    ok = np.linalg.norm(mapped - q, axis=1) <= tol_px
    per_query = {}
    for m, good in zip(matches, ok):
        per_query[m.queryIdx] = per_query.get(m.queryIdx, False) or bool(good)
    return float(np.mean(list(per_query.values())))
