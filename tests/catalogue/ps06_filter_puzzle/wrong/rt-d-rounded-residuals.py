"""WRONG (Part D, find_order): residuals are rounded to 3 decimals ("the true order's is
just rounding noise anyway").

round(r, 3) is not the residual: it is exact to 5e-4 absolute only.  On the puzzle's
scale (wrong orders ~1e4..1e6, the true one ~1e-23 -> 0.0) the visible tolerance
1e-9 * ||y||^2 + 1e-6 * r hides it, but on data of small magnitude (images in [0, 1],
small filters, few pixels) every residual rounds to 0.0 or loses its digits, and
the argmin becomes the first order (0, 1, 2) by dictionary order.
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
        residuals[order] = round(float(np.sum((J @ theta - y) ** 2)), 3)
    best = min(residuals, key=residuals.get)
    return best, residuals
