"""RIGHT (Part D, find_order): the residual as the squared norm of y minus its orthogonal
projection onto the columns of J, with a thin QR (np.linalg.qr): r = ||y - Q (Q^T y)||^2.

Q spans the column space of J (J has full column rank whenever the fit is unique),
so y - Q Q^T y is exactly the least-squares error vector; it is computed explicitly
and squared, so the value is a true sum of squares (>= 0, no cancellation of two huge
numbers).  Rank-deficient J are handled by falling back to lstsq.
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
        Q, R = np.linalg.qr(J)
        diagonal = np.abs(np.diag(R))
        if diagonal.size == 9 and diagonal.min() > 1e-10 * max(diagonal.max(), 1e-300):
            error = y - Q @ (Q.T @ y)
        else:
            error = y - J @ np.linalg.lstsq(J, y, rcond=None)[0]
        residuals[order] = float(error @ error)
    best = min(residuals, key=residuals.get)
    return best, residuals
