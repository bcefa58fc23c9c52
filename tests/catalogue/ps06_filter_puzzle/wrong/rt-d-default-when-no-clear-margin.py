"""WRONG (Part D, find_order): when the runner-up is not at least 10x the best, returns
the seed's order (1, 2, 0) "because the data cannot decide".

The statement: order is the key with the smallest residual, always.  The residuals are
right; only the returned order is not their argmin when the data do not separate the
orders (commuting symmetric filters, images black near the border, tiny images).  The
visible tests (and probably most hidden ones) use identifiable chains, where the
margin is huge.
"""
import itertools

import numpy as np


def find_order(images, outputs, known):
    def corr(x, k):
        p = np.pad(x, 1)
        h, w = x.shape
        return sum(k[a, b] * p[a:a + h, b:b + w] for a in range(3) for b in range(3))

    def design(order, imgs):
        columns = []
        for e in np.eye(9).reshape(9, 3, 3):
            filters = [np.asarray(known[0], dtype=np.float64), np.asarray(known[1], dtype=np.float64), e]
            column = []
            for x in imgs:
                x = np.asarray(x, dtype=np.float64)
                for i in order:
                    x = corr(x, filters[i])
                column.append(x.ravel())
            columns.append(np.concatenate(column))
        return np.stack(columns, axis=1)

    y = np.concatenate([np.ravel(np.asarray(o, dtype=np.float64)) for o in outputs])

    residuals = {}
    for order in itertools.permutations(range(3)):
        J = design(order, images)
        theta = np.linalg.lstsq(J, y, rcond=None)[0]
        residuals[order] = float(np.sum((J @ theta - y) ** 2))
    ranked = sorted(residuals, key=residuals.get)
    floor = 1e-12 * float(y @ y)
    if residuals[ranked[1]] < 10 * max(residuals[ranked[0]], floor):
        return (1, 2, 0), residuals
    return ranked[0], residuals
