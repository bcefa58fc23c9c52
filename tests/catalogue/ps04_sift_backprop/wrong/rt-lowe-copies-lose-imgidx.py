"""WRONG (lowe_ratio_filter): returns new cv2.DMatch(queryIdx, trainIdx, distance) objects instead of the
DMatch objects themselves, which drops imgIdx (it becomes 0).

The statement asks for "the cv2.DMatch objects themselves". The visible checks compare only
(queryIdx, trainIdx, distance); a test that matches against a multi-image train set (imgIdx != 0) or
checks identity/imgIdx catches it.
"""
import cv2


def lowe_ratio_filter(knn_matches, ratio=0.75):
    kept = [cv2.DMatch(e[0].queryIdx, e[0].trainIdx, e[0].distance)
            for e in knn_matches if len(e) >= 2 and e[0].distance < ratio * e[1].distance]
    return sorted(kept, key=lambda m: m.distance)
