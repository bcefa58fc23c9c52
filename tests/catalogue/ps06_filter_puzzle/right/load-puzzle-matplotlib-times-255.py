"""plt.imread (floats in [0, 1]) times 255 in float64, not rounded: within float32 rounding of
the bytes; np.genfromtxt for the outputs; the known filters as a reshape of the 6x3 table."""
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np


def load_puzzle(path):
    folder = Path(path)
    numbered = {int(p.stem): p for p in folder.iterdir() if p.suffix == ".png" and p.stem.isdigit()}
    images, outputs = [], []
    for number in sorted(numbered):
        png = numbered[number]
        images.append(plt.imread(png).astype(np.float64) * 255.0)
        outputs.append(np.genfromtxt(png.with_suffix(".txt")).reshape(images[-1].shape).astype(np.float64))
    filters = np.loadtxt(folder / "algos.csv", delimiter=",").reshape(2, 3, 3)
    return images, outputs, list(filters)
