"""WRONG (Part A, load_puzzle): multiplies an image by 255 whenever its maximum is at most 1.

A "robust" guess at the scale: bytes are read with cv2, and an image that looks like it
is in [0, 1] is scaled up.  But the bytes are already on the right scale; an image
whose bytes are only 0 and 1 (a dark mask, a binary pattern) is multiplied by 255 and
no longer equals its file.  The statement says images must hold the bytes.  All
puzzle images have maxima far above 1, so the visible tests pass.
"""
import re
from pathlib import Path

import cv2
import numpy as np


def load_puzzle(path):
    folder = Path(path)
    numbered = sorted((int(p.stem), p) for p in folder.glob("*.png") if re.fullmatch(r"\d+", p.stem))
    images, outputs = [], []
    for _, p in numbered:
        image = cv2.imread(str(p), cv2.IMREAD_UNCHANGED).astype(np.float64)
        if image.max() <= 1.0:
            image = image * 255.0
        images.append(image)
        outputs.append(np.loadtxt(p.with_suffix(".txt"), dtype=np.float64, ndmin=2))
    rows = np.loadtxt(folder / "algos.csv", delimiter=",", dtype=np.float64)
    return images, outputs, [rows[:3], rows[3:6]]
