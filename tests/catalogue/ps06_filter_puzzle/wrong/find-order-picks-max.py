"""The order with the LARGEST residual is returned (max instead of min)."""
import itertools

import numpy as np


def find_order(images, outputs, known):
    target = np.concatenate([np.ravel(y) for y in outputs])
    residuals = {}
    for order in itertools.permutations(range(3)):
        theta = fit_unknown_filter(images, outputs, known, order)
        fit = np.concatenate([apply_chain(x, [known[0], known[1], theta], order).ravel() for x in images])
        residuals[order] = float(np.sum((fit - target) ** 2))
    return max(residuals, key=residuals.get), residuals
