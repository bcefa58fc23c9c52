"""The residual that np.linalg.lstsq returns itself (the sum of squared residuals), on a
design matrix built with scipy.signal.correlate2d; orders written out by hand."""
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
