"""SIFT is created with nfeatures=500, keeping only the 500 strongest keypoints instead of
every keypoint OpenCV's defaults find (about 1,100 in img1)."""
import cv2
import numpy as np


def detect_and_describe(gray):
    keypoints, descriptors = cv2.SIFT_create(nfeatures=500).detectAndCompute(gray, None)
    if descriptors is None:
        descriptors = np.zeros((0, 128), np.float32)
    return list(keypoints), descriptors
