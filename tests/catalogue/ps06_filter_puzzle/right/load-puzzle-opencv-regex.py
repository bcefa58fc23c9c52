"""cv2.imread in grayscale (the bytes as uint8, then float64), names matched with a regular
expression, pandas for algos.csv with header=None."""
import os
import re

import cv2
import numpy as np
import pandas as pd


def load_puzzle(path):
    path = str(path)
    numbers = sorted(int(m.group(1)) for m in (re.fullmatch(r"(\d+)\.png", f) for f in os.listdir(path)) if m)
    names = {int(re.fullmatch(r"(\d+)\.png", f).group(1)): f[:-4] for f in os.listdir(path)
             if re.fullmatch(r"(\d+)\.png", f)}
    images = [cv2.imread(os.path.join(path, names[n] + ".png"), cv2.IMREAD_GRAYSCALE).astype(np.float64)
              for n in numbers]
    outputs = [np.atleast_2d(np.loadtxt(os.path.join(path, names[n] + ".txt"))) for n in numbers]
    algos = pd.read_csv(os.path.join(path, "algos.csv"), header=None).to_numpy(dtype=np.float64)
    return images, outputs, [algos[:3], algos[3:]]
