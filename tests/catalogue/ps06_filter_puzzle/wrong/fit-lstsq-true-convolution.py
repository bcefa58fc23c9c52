"""The design matrix is built with true convolution (scipy.signal.convolve2d) for every step:
the known filters are applied flipped, so the fit explains the outputs with the wrong chain."""
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
    y = np.concatenate([np.ravel(output) for output in outputs])
    columns = []
    for unit in np.eye(9):
        filters = [known[0], known[1], unit.reshape(3, 3)]
        column = []
        for image in images:
            z = np.asarray(image, dtype=np.float64)
            for index in order:
                z = scipy.signal.convolve2d(z, np.asarray(filters[index], dtype=np.float64), mode="same")
            column.append(z.ravel())
        columns.append(np.concatenate(column))
    theta, *_ = np.linalg.lstsq(np.stack(columns, axis=1), y, rcond=None)
    return theta.reshape(3, 3)


def fit_unknown_filter(images, outputs, known, order, method="lstsq"):
    if method == "gd":
        return _fit_gd(images, outputs, known, order)
    return _fit_lstsq(images, outputs, known, order)
