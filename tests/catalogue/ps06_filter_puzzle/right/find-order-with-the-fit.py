"""The notebook's own fit_unknown_filter and apply_chain, residuals as NumPy float64 values,
the best order found by sorting."""
import itertools

import numpy as np


def find_order(images, outputs, known):
    residuals = {}
    for order in itertools.permutations([0, 1, 2]):
        theta = fit_unknown_filter(images, outputs, known, order, method="lstsq")
        residuals[order] = np.float64(sum(np.sum((apply_chain(x, [known[0], known[1], theta], order) - y) ** 2)
                                          for x, y in zip(images, outputs)))
    ranked = sorted(residuals.items(), key=lambda item: item[1])
    return ranked[0][0], residuals
