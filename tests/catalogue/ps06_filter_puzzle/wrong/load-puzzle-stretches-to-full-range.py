"""Seed mistake (its commented-out normalisation): each image is stretched to the full range,
(x - min) / (max - min) * 255, which is not the bytes the outputs were computed from
unless the image happens to use both 0 and 255."""
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np


def load_puzzle(path):
    folder = Path(path)
    pngs = sorted((p for p in folder.glob("*.png") if p.stem.isdigit()), key=lambda p: int(p.stem))
    images = []
    for p in pngs:
        x = plt.imread(p).astype(np.float64)
        images.append((x - x.min()) / (x.max() - x.min()) * 255)
    outputs = [np.loadtxt(p.with_suffix(".txt"), ndmin=2) for p in pngs]
    algos = np.loadtxt(folder / "algos.csv", delimiter=",")
    return images, outputs, [algos[:3], algos[3:]]
