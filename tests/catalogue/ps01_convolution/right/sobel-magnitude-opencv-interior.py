"""OpenCV's Sobel (which pads the border), cropped to the valid interior; gx and gy swapped."""
import cv2
import numpy as np


def sobel_magnitude(img):
    img = np.asarray(img, dtype=np.float64)
    gy = cv2.Sobel(img, cv2.CV_64F, 1, 0, ksize=3)
    gx = cv2.Sobel(img, cv2.CV_64F, 0, 1, ksize=3)
    return np.sqrt(gx**2 + gy**2)[1:-1, 1:-1]
