"""Without keypoints it returns np.zeros(0) (shape (0,)) instead of shape (0, 128)."""
import cv2
import numpy as np


def detect_and_describe(gray):
    keypoints, descriptors = cv2.SIFT_create().detectAndCompute(gray, None)
    if descriptors is None:
        descriptors = np.zeros(0, np.float32)
    return list(keypoints), descriptors
