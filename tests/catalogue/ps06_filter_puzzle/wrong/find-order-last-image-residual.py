"""The residual is overwritten in the loop over images instead of added up: it is the error of
the last image only."""
import itertools

import numpy as np


def find_order(images, outputs, known):
    residuals = {}
    for order in itertools.permutations(range(3)):
        theta = fit_unknown_filter(images, outputs, known, order)
        for x, y in zip(images, outputs):
            residuals[order] = float(np.sum((apply_chain(x, [known[0], known[1], theta], order) - y) ** 2))
    return min(residuals, key=residuals.get), residuals
