"""lstsq by the normal equations (J^T J) theta = J^T y, solved in float64 (cond ~1e4 costs
four of sixteen digits); gd by SGD with Nesterov momentum on data scaled to [0, 1], with a
cosine schedule. Momentum turns the 1/cond rate of plain gradient descent into about
1/sqrt(cond)."""
import numpy as np
import torch
import torch.nn.functional as F


def fit_unknown_filter(images, outputs, known, order, method="lstsq"):
    if method == "gd":
        xs = torch.tensor(np.stack(images), dtype=torch.float32) / 255
        ys = torch.tensor(np.stack(outputs), dtype=torch.float32) / 255
        frozen = [torch.tensor(np.asarray(k), dtype=torch.float32) for k in known]
        theta = torch.zeros(3, 3, requires_grad=True)
        steps = 400
        optimizer = torch.optim.SGD([theta], lr=1.5, momentum=0.98, nesterov=True)
        schedule = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, steps)
        for _ in range(steps):
            optimizer.zero_grad()
            loss = F.mse_loss(apply_chain(xs, [*frozen, theta], order), ys)
            loss.backward()
            optimizer.step()
            schedule.step()
        return theta.detach().double().numpy()
    x = np.stack([np.asarray(image, dtype=np.float64) for image in images])
    y = np.concatenate([np.ravel(output) for output in outputs])
    design = np.zeros((y.size, 9))
    for k in range(9):
        unit = np.zeros((3, 3))
        unit[k // 3, k % 3] = 1.0
        design[:, k] = apply_chain(x, [known[0], known[1], unit], order).ravel()
    return np.linalg.solve(design.T @ design, design.T @ y).reshape(3, 3)
