"""WRONG (Part D, find_order): the orders are rows of np.array(list(permutations(range(3)))),
so the keys and the returned order are tuples of np.int64, not of Python ints.

The statement: keys are tuples of three ints such as (2, 1, 0), order a tuple of three
ints.  np.int64 hashes and compares like int, so set(residuals) == set(orders) and
order == (0, 2, 1) hold and the visible tests (which convert with int(v)) pass; a test
that checks type(v) is int, or serialises the answer (json.dumps fails on np.int64),
does not.
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
    for row in np.array(list(itertools.permutations(range(3)))):
        order = tuple(row)
        J = design(order, images)
        theta = np.linalg.lstsq(J, y, rcond=None)[0]
        residuals[order] = float(np.sum((J @ theta - y) ** 2))
    best = min(residuals, key=residuals.get)
    return best, residuals
