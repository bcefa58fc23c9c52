"""detect() then compute() in two calls, a tuple of keypoints, np.empty for no keypoint:
the same keypoints and descriptors as detectAndCompute."""
import cv2
import numpy as np


def detect_and_describe(gray):
    try:
        sift = cv2.SIFT_create()
    except AttributeError:
        sift = cv2.xfeatures2d.SIFT_create()
    keypoints = sift.detect(gray, None)
    keypoints, descriptors = sift.compute(gray, keypoints)
    if descriptors is None or len(keypoints) == 0:
        return (), np.empty((0, 128), dtype=np.float32)
    return tuple(keypoints), np.ascontiguousarray(descriptors, dtype=np.float32)
