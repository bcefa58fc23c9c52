"""Seed mistake: the seed's text blamed a factor of 256, so the [0, 1] values of plt.imread
are multiplied by 256 instead of 255 (a byte 255 becomes 256, off by up to 1)."""
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np


def load_puzzle(path):
    folder = Path(path)
    pngs = sorted((p for p in folder.glob("*.png") if p.stem.isdigit()), key=lambda p: int(p.stem))
    images = [plt.imread(p).astype(np.float64) * 256 for p in pngs]
    outputs = [np.loadtxt(p.with_suffix(".txt"), ndmin=2) for p in pngs]
    algos = np.loadtxt(folder / "algos.csv", delimiter=",")
    return images, outputs, [algos[:3], algos[3:]]
