"""cv2.imread with its default flag reads every PNG as a colour image, (H, W, 3), even a
grayscale one."""
from pathlib import Path

import cv2
import numpy as np


def load_puzzle(path):
    folder = Path(path)
    pngs = sorted((p for p in folder.glob("*.png") if p.stem.isdigit()), key=lambda p: int(p.stem))
    images = [cv2.imread(str(p)).astype(np.float64) for p in pngs]
    outputs = [np.loadtxt(p.with_suffix(".txt"), ndmin=2) for p in pngs]
    algos = np.loadtxt(folder / "algos.csv", delimiter=",")
    return images, outputs, [algos[:3], algos[3:]]
