"""WRONG (Part C, fit_unknown_filter, gd): one LBFGS call with max_iter=20, then whatever
comes out (a fixed budget instead of "stop when the loss no longer falls").

On the visible test's Sobel-x chain 20 LBFGS iterations happen to land within 5e-2,
but on other orders, filters and image sets (the same kind the statement promises the
hidden tests use) the optimisation has not converged after 20 iterations (e.g. a Sobel y in the order (0, 1, 2) is off by 0.07, an emboss in (2, 0, 1) by 0.4) and the
filter is off by more than 5e-2.
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

    X = torch.tensor(np.stack([np.asarray(x, dtype=np.float64) for x in images]))[:, None]
    Y = torch.tensor(np.stack([np.asarray(o, dtype=np.float64) for o in outputs]))[:, None]
    scale = float(Y.pow(2).mean()) or 1.0
    ks = [torch.tensor(np.asarray(k, dtype=np.float64)).reshape(1, 1, 3, 3) for k in known]

    theta = torch.zeros(1, 1, 3, 3, dtype=torch.float64, requires_grad=True)
    optimizer = torch.optim.LBFGS([theta], lr=1, max_iter=20, line_search_fn="strong_wolfe")

    def closure():
        optimizer.zero_grad()
        fs = [ks[0], ks[1], theta]
        out = X
        for i in order:
            out = F.conv2d(out, fs[i], padding=1)
        loss = (out - Y).pow(2).mean() / scale
        loss.backward()
        return loss

    optimizer.step(closure)
    return theta.detach().reshape(3, 3).numpy().copy()
