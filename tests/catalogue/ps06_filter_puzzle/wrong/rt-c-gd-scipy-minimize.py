"""WRONG (Part C, fit_unknown_filter, gd): scipy.optimize.minimize(method="L-BFGS-B") on a
NumPy loss with a hand-derived NumPy gradient J^T (J theta - y).

The statement asks for the chain built in torch and an optimiser from torch.optim,
the unknown filter a tensor requiring grad; none of that is here (no torch, no
autograd).  It is gradient-based and not in the forbid() list, so the visible test
passes.
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

    import scipy.optimize
    units = np.eye(9).reshape(9, 3, 3)
    J = np.stack([np.concatenate([chain(x, e).ravel() for x in images]) for e in units], axis=1)
    y = np.concatenate([np.ravel(np.asarray(o, dtype=np.float64)) for o in outputs])
    norm = float(np.mean(y * y)) or 1.0

    def loss(theta):
        r = J @ theta - y
        return float(r @ r) / (len(y) * norm), 2 * (J.T @ r) / (len(y) * norm)

    result = scipy.optimize.minimize(loss, np.zeros(9), jac=True, method="L-BFGS-B",
                                     options={"maxiter": 10000, "ftol": 1e-20, "gtol": 1e-14})
    return result.x.reshape(3, 3)
