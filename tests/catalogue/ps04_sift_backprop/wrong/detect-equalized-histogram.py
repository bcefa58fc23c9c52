"""Equalises the histogram before SIFT: a preprocessing step that changes the keypoints
and descriptors, so they are no longer OpenCV's SIFT on the given image."""
import cv2
import numpy as np


def detect_and_describe(gray):
    keypoints, descriptors = cv2.SIFT_create().detectAndCompute(cv2.equalizeHist(gray), None)
    if descriptors is None:
        descriptors = np.zeros((0, 128), np.float32)
    return list(keypoints), descriptors
