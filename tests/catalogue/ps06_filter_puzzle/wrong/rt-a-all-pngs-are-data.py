"""WRONG (Part A, load_puzzle): every *.png in the folder is taken as a puzzle image.

Numbered files are sorted first (numerically), any other PNG (a preview, a thumbnail,
"notes.png") is appended after them and paired with a text file of the same stem (or
crashes when there is none).  The statement says any file not named by a number is
not part of the data and must be ignored.  The shipped puzzle holds only numbered PNGs,
so the visible tests pass.
"""
from pathlib import Path

import numpy as np
from PIL import Image


def load_puzzle(path):
    folder = Path(path)

    def key(p):
        return (0, int(p.stem), "") if p.stem.isdigit() else (1, 0, p.stem)

    pngs = sorted(folder.glob("*.png"), key=key)
    images = [np.asarray(Image.open(p).convert("L"), dtype=np.float64) for p in pngs]
    outputs = [np.loadtxt(p.with_suffix(".txt"), dtype=np.float64, ndmin=2) for p in pngs]
    rows = np.loadtxt(folder / "algos.csv", delimiter=",", dtype=np.float64)
    return images, outputs, [rows[:3], rows[3:6]]
