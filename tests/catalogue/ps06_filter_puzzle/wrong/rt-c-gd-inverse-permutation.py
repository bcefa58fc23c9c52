"""WRONG (Part C, fit_unknown_filter, gd): the torch chain of the gd path applies filter i
at step order[i] (the inverse permutation), while the lstsq path is right.

For the involutions ((1, 0, 2) of the visible gd test, (0, 2, 1), (2, 1, 0), (0, 1, 2))
both readings agree, so the visible test passes.  For (1, 2, 0) or (2, 0, 1) the gd
fits another chain: its filter is the best for a different order, not the
least-squares filter of the given order.
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
    steps = [0, 0, 0]
    for filter_index, step in enumerate(order):
        steps[step] = filter_index
    theta = torch.zeros(1, 1, 3, 3, dtype=torch.float64, requires_grad=True)
    optimizer = torch.optim.LBFGS([theta], lr=1, max_iter=50, tolerance_grad=1e-13, tolerance_change=1e-18,
                                  history_size=20, line_search_fn="strong_wolfe")

    def closure():
        optimizer.zero_grad()
        fs = [ks[0], ks[1], theta]
        out = X
        for i in steps:
            out = F.conv2d(out, fs[i], padding=1)
        loss = (out - Y).pow(2).mean() / scale
        loss.backward()
        return loss

    previous = float("inf")
    for _ in range(10):
        loss = float(optimizer.step(closure).detach())
        if loss < 1e-22 or loss > 0.9 * previous:
            break
        previous = loss
    return theta.detach().reshape(3, 3).numpy().copy()
