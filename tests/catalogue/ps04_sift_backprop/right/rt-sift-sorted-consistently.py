"""RIGHT (detect_and_describe): OpenCV's default SIFT, with keypoints *and* descriptor rows reordered
together by decreasing response.

The contract asks for a list of N keypoints and a float32 (N, 128) array "whose row i describes keypoint
i"; it does not fix the order. Row i still describes keypoint i. A hidden test that compares with
OpenCV's output position by position (kp[i].pt == opencv_kp[i].pt, or np.array_equal(descriptors,
opencv_descriptors)) would wrongly reject it.
"""
import cv2
import numpy as np


def detect_and_describe(gray):
    create = cv2.SIFT_create if hasattr(cv2, "SIFT_create") else cv2.xfeatures2d.SIFT_create
    keypoints, descriptors = create().detectAndCompute(gray, None)
    if not keypoints or descriptors is None:
        return [], np.empty((0, 128), dtype=np.float32)
    order = sorted(range(len(keypoints)), key=lambda i: -keypoints[i].response)
    return [keypoints[i] for i in order], np.ascontiguousarray(descriptors[order], dtype=np.float32)
