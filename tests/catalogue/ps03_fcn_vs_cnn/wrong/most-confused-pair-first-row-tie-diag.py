"""WRONG: subtracts the diagonal (confusion - diag(diag)), leaving zeros there: for a matrix without mistakes
(diagonal), it returns (0, 0), a diagonal cell."""
import numpy as np


def most_confused_pair(confusion: np.ndarray) -> tuple[int, int]:
    off = confusion - np.diag(np.diag(confusion))
    flat = int(off.argmax())
    return flat // off.shape[1], flat % off.shape[1]
