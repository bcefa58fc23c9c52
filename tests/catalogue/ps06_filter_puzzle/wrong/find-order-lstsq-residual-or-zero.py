"""find_order reads the residual from np.linalg.lstsq's second return value, and 0.0 when that array is empty.

LAPACK reports no residual for a rank-deficient design matrix (a black image, too few pixels): this
answer then claims a perfect fit (0.0) where the sum of squared errors is ||y||^2. (It was an entry of
right/ until a red team found the case.)
"""
import numpy as np
import scipy.signal


def find_order(images, outputs, known):
    y = np.concatenate([np.ravel(o) for o in outputs])
    residuals = {}
    for order in [(0, 1, 2), (0, 2, 1), (1, 0, 2), (1, 2, 0), (2, 0, 1), (2, 1, 0)]:
        columns = []
        for k in range(9):
            unit = np.zeros((3, 3))
            unit.flat[k] = 1.0
            filters = [known[0], known[1], unit]
            parts = []
            for image in images:
                z = np.asarray(image, dtype=np.float64)
                for index in order:
                    z = scipy.signal.correlate2d(z, np.asarray(filters[index], dtype=np.float64), mode="same")
                parts.append(z.ravel())
            columns.append(np.concatenate(parts))
        _, residual, _, _ = np.linalg.lstsq(np.stack(columns, axis=1), y, rcond=None)
        residuals[order] = float(residual[0]) if residual.size else 0.0
    best = min(residuals, key=lambda o: residuals[o])
    return best, residuals
