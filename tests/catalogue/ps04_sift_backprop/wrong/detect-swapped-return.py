"""Returns (descriptors, keypoints), the wrong way round."""
import cv2
import numpy as np


def detect_and_describe(gray):
    keypoints, descriptors = cv2.SIFT_create().detectAndCompute(gray, None)
    if descriptors is None:
        descriptors = np.zeros((0, 128), np.float32)
    return descriptors, list(keypoints)
