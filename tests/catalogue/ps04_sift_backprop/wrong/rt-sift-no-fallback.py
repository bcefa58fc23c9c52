"""WRONG (detect_and_describe): calls cv2.SIFT_create unconditionally, without the required fallback to
cv2.xfeatures2d.SIFT_create on builds that lack it.

On every OpenCV >= 4.4 it is identical to the reference, so all value tests pass; only a hidden test
that removes/monkeypatches cv2.SIFT_create (simulating an old build) catches the missing fallback.
"""
import cv2
import numpy as np


def detect_and_describe(gray):
    keypoints, descriptors = cv2.SIFT_create().detectAndCompute(gray, None)
    if descriptors is None:
        return [], np.zeros((0, 128), np.float32)
    return list(keypoints), descriptors.astype(np.float32)
