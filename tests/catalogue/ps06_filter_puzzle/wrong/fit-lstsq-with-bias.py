"""A constant column added to the design matrix (the seed's unknown layer had bias=True): the
chain has no bias, and on noisy outputs the fit is no longer the least-squares filter."""
import numpy as np
import scipy.signal
import torch
import torch.nn.functional as F


def _fit_gd(images, outputs, known, order):
    x = np.stack([np.asarray(image, dtype=np.float64) for image in images])
    y = np.stack([np.asarray(output, dtype=np.float64) for output in outputs])
    xs, ys = torch.from_numpy(x), torch.from_numpy(y)
    frozen = [torch.as_tensor(np.asarray(k, dtype=np.float64)) for k in known]
    theta = torch.zeros(3, 3, dtype=torch.float64, requires_grad=True)
    scale = ys.pow(2).mean()
    optimizer = torch.optim.LBFGS([theta], lr=1, max_iter=50, line_search_fn="strong_wolfe",
                                  tolerance_grad=1e-12, tolerance_change=1e-20)

    def closure():
        optimizer.zero_grad()
        loss = (apply_chain(xs, [*frozen, theta], order) - ys).pow(2).mean() / scale
        loss.backward()
        return loss

    optimizer.step(closure)
    return theta.detach().numpy().copy()


def _fit_lstsq(images, outputs, known, order):
    x = np.stack([np.asarray(image, dtype=np.float64) for image in images])
    y = np.stack([np.asarray(output, dtype=np.float64) for output in outputs])
    columns = [apply_chain(x, [known[0], known[1], unit.reshape(3, 3)], order).ravel() for unit in np.eye(9)]
    columns.append(np.ones(y.size))
    theta, *_ = np.linalg.lstsq(np.stack(columns, axis=1), y.ravel(), rcond=None)
    return theta[:9].reshape(3, 3)


def fit_unknown_filter(images, outputs, known, order, method="lstsq"):
    if method == "gd":
        return _fit_gd(images, outputs, known, order)
    return _fit_lstsq(images, outputs, known, order)
