"""The best order is returned as a list of NumPy ints (from an argmin over an array of orders),
not as a tuple."""
import itertools

import numpy as np


def find_order(images, outputs, known):
    orders = np.array(list(itertools.permutations(range(3))))
    target = np.concatenate([np.ravel(y) for y in outputs])
    values = []
    for order in orders:
        theta = fit_unknown_filter(images, outputs, known, tuple(order))
        fit = np.concatenate([apply_chain(x, [known[0], known[1], theta], order).ravel() for x in images])
        values.append(float(np.sum((fit - target) ** 2)))
    residuals = {tuple(int(v) for v in order): value for order, value in zip(orders, values)}
    return list(orders[int(np.argmin(values))]), residuals
