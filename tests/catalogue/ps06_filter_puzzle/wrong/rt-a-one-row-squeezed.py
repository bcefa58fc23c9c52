"""WRONG (Part A, load_puzzle): np.loadtxt without ndmin=2, so a one-row output is 1-D.

For an image of height 1 (or width 1) np.loadtxt returns shape (W,) (or (H,)), not
(H, W) as the contract says; the image is (1, W), so images[i] and outputs[i] no longer
have the same shape.  Every puzzle image is 64 x 64, so the visible tests pass.
"""
import re
from pathlib import Path

import numpy as np
from PIL import Image


def load_puzzle(path):
    folder = Path(path)
    numbered = sorted((int(p.stem), p) for p in folder.glob("*.png") if re.fullmatch(r"\d+", p.stem))
    images = [np.asarray(Image.open(p), dtype=np.float64) for _, p in numbered]
    outputs = [np.loadtxt(p.with_suffix(".txt"), dtype=np.float64) for _, p in numbered]
    rows = np.loadtxt(folder / "algos.csv", delimiter=",", dtype=np.float64)
    return images, outputs, [rows[:3], rows[3:6]]
