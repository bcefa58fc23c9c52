"""Every *.txt of the folder is read as an output, so a README.txt beside the data is
parsed as numbers (and the outputs are paired by position, not by number)."""
from pathlib import Path

import numpy as np
from PIL import Image


def load_puzzle(path):
    folder = Path(path)
    pngs = sorted(folder.glob("*.png"), key=lambda p: int(p.stem))
    txts = sorted(folder.glob("*.txt"), key=lambda p: (not p.stem.isdigit(), int(p.stem) if p.stem.isdigit() else 0))
    images = [np.asarray(Image.open(p), dtype=np.float64) for p in pngs]
    outputs = [np.loadtxt(p, ndmin=2) for p in txts]
    algos = np.loadtxt(folder / "algos.csv", delimiter=",")
    return images, outputs, [algos[:3], algos[3:]]
