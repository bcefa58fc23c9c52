"""Gradient descent stopped after 100 Adam steps, long before it converged on this badly
conditioned problem."""
import numpy as np
import scipy.signal
import torch
import torch.nn.functional as F


def _fit_gd(images, outputs, known, order):
    xs = torch.tensor(np.stack(images)) / 255
    ys = torch.tensor(np.stack(outputs)) / 255
    frozen = [torch.tensor(np.asarray(k, dtype=np.float64)) for k in known]
    theta = torch.zeros(3, 3, dtype=torch.float64, requires_grad=True)
    optimizer = torch.optim.Adam([theta], lr=0.01)
    for _ in range(100):
        optimizer.zero_grad()
        loss = F.mse_loss(apply_chain(xs, [*frozen, theta], order), ys)
        loss.backward()
        optimizer.step()
    return theta.detach().numpy().copy()


def _fit_lstsq(images, outputs, known, order):
    x = np.stack([np.asarray(image, dtype=np.float64) for image in images])
    y = np.stack([np.asarray(output, dtype=np.float64) for output in outputs])
    columns = [apply_chain(x, [known[0], known[1], unit.reshape(3, 3)], order).ravel() for unit in np.eye(9)]
    theta, *_ = np.linalg.lstsq(np.stack(columns, axis=1), y.ravel(), rcond=None)
    return theta.reshape(3, 3)


def fit_unknown_filter(images, outputs, known, order, method="lstsq"):
    if method == "gd":
        return _fit_gd(images, outputs, known, order)
    return _fit_lstsq(images, outputs, known, order)
