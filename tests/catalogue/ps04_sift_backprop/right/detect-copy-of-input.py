"""Works on a contiguous copy of the image and keeps OpenCV's tuple of keypoints."""
import cv2
import numpy as np


def detect_and_describe(gray):
    image = np.ascontiguousarray(gray, dtype=np.uint8).copy()
    create = cv2.SIFT_create if hasattr(cv2, "SIFT_create") else cv2.xfeatures2d.SIFT_create
    keypoints, descriptors = create().detectAndCompute(image, None)
    if descriptors is None:
        descriptors = np.zeros((0, 128), np.float32)
    return keypoints, descriptors
