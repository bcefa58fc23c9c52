"""The residuals are keyed by strings such as "2,1,0" (handy as plot labels), not by tuples."""
import itertools

import numpy as np


def find_order(images, outputs, known):
    target = np.concatenate([np.ravel(y) for y in outputs])
    residuals = {}
    for order in itertools.permutations(range(3)):
        theta = fit_unknown_filter(images, outputs, known, order)
        fit = np.concatenate([apply_chain(x, [known[0], known[1], theta], order).ravel() for x in images])
        residuals[",".join(map(str, order))] = float(np.sum((fit - target) ** 2))
    best = min(residuals, key=residuals.get)
    return tuple(int(v) for v in best.split(",")), residuals
