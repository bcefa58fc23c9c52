"""WRONG (Part D, find_order): residual = y.y - theta.(J^T y), the textbook identity for the
least-squares residual, instead of summing the squared errors.

Algebraically equal at the optimum, numerically it is the difference of two numbers of
size ||y||^2 ~ 1e9: the true order's residual (really ~1e-20) comes out as rounding
noise of size ~1e-7, often negative -- not a sum of squares, and no longer the
smallest by the clear margin that decides ties near zero.  The visible tolerance is
1e-9 * ||y||^2 absolute, which swallows that noise, so the visible tests pass.
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
        residuals[order] = float(y @ y - theta @ (J.T @ y))
    best = min(residuals, key=residuals.get)
    return best, residuals
