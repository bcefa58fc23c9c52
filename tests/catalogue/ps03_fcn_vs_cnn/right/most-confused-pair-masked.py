"""Masks the diagonal with np.where on a copy and uses divmod on the flat argmax."""
import numpy as np


def most_confused_pair(confusion):
    confusion = np.asarray(confusion)
    n = confusion.shape[0]
    off = np.where(np.eye(n, dtype=bool), np.iinfo(np.int64).min, confusion.astype(np.int64))
    true_label, predicted_label = divmod(int(off.argmax()), n)
    return true_label, predicted_label
