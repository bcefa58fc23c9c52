"""pandas.read_csv without header=None takes the first row of algos.csv for column names:
five rows are left, the first filter loses its first row and the second has only two."""
from pathlib import Path

import numpy as np
import pandas as pd
from PIL import Image


def load_puzzle(path):
    folder = Path(path)
    pngs = sorted((p for p in folder.glob("*.png") if p.stem.isdigit()), key=lambda p: int(p.stem))
    images = [np.asarray(Image.open(p), dtype=np.float64) for p in pngs]
    outputs = [np.loadtxt(p.with_suffix(".txt"), ndmin=2) for p in pngs]
    algos = pd.read_csv(folder / "algos.csv").to_numpy(dtype=np.float64)
    return images, outputs, [algos[:3], algos[3:]]
