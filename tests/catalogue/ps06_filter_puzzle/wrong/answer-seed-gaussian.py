"""The seed's own answer, the Gaussian [[1, 2, 1], [2, 4, 2], [1, 2, 1]] / 8 in the order
box -> Gaussian -> edge filter, copied instead of computed."""
import numpy as np

UNKNOWN_FILTER = np.array([[1, 2, 1], [2, 4, 2], [1, 2, 1]]) / 8
ORDER = (1, 2, 0)
