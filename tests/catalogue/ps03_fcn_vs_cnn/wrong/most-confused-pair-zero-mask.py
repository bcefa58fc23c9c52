"""WRONG: masks the diagonal with 0: when there are no mistakes at all (a diagonal matrix), argmax picks (0, 0),
a diagonal cell; statement: an off-diagonal cell."""
import numpy as np


def most_confused_pair(confusion: np.ndarray) -> tuple[int, int]:
    off = confusion * (1 - np.eye(len(confusion), dtype=confusion.dtype))
    i, j = divmod(int(np.argmax(off)), confusion.shape[1])
    return int(i), int(j)
