"""Images sorted by number but the text files sorted as strings, each list on its own:
with names such as 9 and 10 the two lists no longer pair images with their own outputs."""
from pathlib import Path

import numpy as np
from PIL import Image


def load_puzzle(path):
    folder = Path(path)
    pngs = sorted((p for p in folder.glob("*.png") if p.stem.isdigit()), key=lambda p: int(p.stem))
    txts = sorted(p for p in folder.glob("*.txt") if p.stem.isdigit())
    images = [np.asarray(Image.open(p), dtype=np.float64) for p in pngs]
    outputs = [np.loadtxt(p, ndmin=2) for p in txts]
    algos = np.loadtxt(folder / "algos.csv", delimiter=",")
    return images, outputs, [algos[:3], algos[3:]]
