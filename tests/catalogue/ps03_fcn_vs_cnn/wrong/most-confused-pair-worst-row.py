"""WRONG: picks the true digit with the most mistakes (largest off-diagonal row sum), then its largest
off-diagonal cell; the largest single cell can be in another row."""
import numpy as np


def most_confused_pair(confusion: np.ndarray) -> tuple[int, int]:
    off = confusion.astype(float).copy()
    np.fill_diagonal(off, 0)
    i = int(np.argmax(off.sum(axis=1)))
    row = off[i].copy()
    row[i] = -np.inf
    return i, int(np.argmax(row))
