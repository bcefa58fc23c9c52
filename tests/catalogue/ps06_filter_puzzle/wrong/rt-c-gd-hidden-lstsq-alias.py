"""WRONG (Part C, fit_unknown_filter, gd): "gd" calls numpy.linalg._linalg.lstsq, the same
function object as np.linalg.lstsq under its private module's name.

The statement forbids any closed-form solve for method="gd"; the visible test enforces
it with course_utils.forbid, which replaces the attribute numpy.linalg.lstsq (and the
notebook globals bound to it) but not numpy.linalg._linalg.lstsq, so the exact solve
runs unhindered and the answer is perfect (and instant).  A test can only see it by
inspecting the code, or by blocking at a lower level.
"""
import numpy as np
import torch
import torch.nn.functional as F


def fit_unknown_filter(images, outputs, known, order, method="lstsq"):
    def corr(x, k):
        p = np.pad(x, 1)
        h, w = x.shape
        return sum(k[a, b] * p[a:a + h, b:b + w] for a in range(3) for b in range(3))

    def chain(x, unknown):
        fs = [np.asarray(known[0], dtype=np.float64), np.asarray(known[1], dtype=np.float64), unknown]
        x = np.asarray(x, dtype=np.float64)
        for i in order:
            x = corr(x, fs[i])
        return x

    if method == "lstsq":
        units = np.eye(9).reshape(9, 3, 3)
        J = np.stack([np.concatenate([chain(x, e).ravel() for x in images]) for e in units], axis=1)
        y = np.concatenate([np.ravel(np.asarray(o, dtype=np.float64)) for o in outputs])
        theta = np.linalg.lstsq(J, y, rcond=None)[0]
        return theta.reshape(3, 3)

    import numpy.linalg._linalg as private_linalg
    units = np.eye(9).reshape(9, 3, 3)
    J = np.stack([np.concatenate([chain(x, e).ravel() for x in images]) for e in units], axis=1)
    y = np.concatenate([np.ravel(np.asarray(o, dtype=np.float64)) for o in outputs])
    return private_linalg.lstsq(J, y, rcond=None)[0].reshape(3, 3)
