"""Returns OpenCV's result as it is: for an image without keypoints the descriptors are
None instead of a float32 array of shape (0, 128)."""
import cv2


def detect_and_describe(gray):
    keypoints, descriptors = cv2.SIFT_create().detectAndCompute(gray, None)
    return list(keypoints), descriptors
