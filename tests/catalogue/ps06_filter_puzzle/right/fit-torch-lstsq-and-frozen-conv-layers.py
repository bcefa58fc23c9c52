"""lstsq by torch.linalg.lstsq in float64 on a design matrix built with F.conv2d (the nine unit
kernels as nine output channels); gd the seed's way, nn.Conv2d layers whose known weights have
requires_grad=False, but trained with L-BFGS and a line search."""
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


def fit_unknown_filter(images, outputs, known, order, method="lstsq"):
    x = torch.tensor(np.stack(images), dtype=torch.float64)[:, None]
    y = torch.tensor(np.stack(outputs), dtype=torch.float64)[:, None]
    if method == "gd":
        layers = nn.ModuleList([nn.Conv2d(1, 1, 3, padding=1, bias=False).double() for _ in range(3)])
        with torch.no_grad():
            for layer, kernel in zip(layers, known):
                layer.weight.copy_(torch.tensor(np.asarray(kernel), dtype=torch.float64).reshape(1, 1, 3, 3))
                layer.weight.requires_grad_(False)
            layers[2].weight.zero_()
        scale = y.pow(2).mean()
        optimizer = torch.optim.LBFGS([layers[2].weight], lr=1, max_iter=80, history_size=20,
                                      line_search_fn="strong_wolfe", tolerance_grad=1e-12, tolerance_change=1e-20)

        def closure():
            optimizer.zero_grad()
            out = x
            for index in order:
                out = layers[index](out)
            loss = (out - y).pow(2).mean() / scale
            loss.backward()
            return loss

        optimizer.step(closure)
        return layers[2].weight.detach().reshape(3, 3).numpy().copy()
    # Apply the known filters before the unknown one to x, run the unit kernels as 9 channels,
    # then apply the filters after it to each channel.
    position = list(order).index(2)
    out = x
    for index in order[:position]:
        out = F.conv2d(out, torch.tensor(np.asarray(known[index]), dtype=torch.float64).reshape(1, 1, 3, 3), padding=1)
    out = F.conv2d(out, torch.eye(9, dtype=torch.float64).reshape(9, 1, 3, 3), padding=1)  # (N, 9, H, W)
    for index in order[position + 1:]:
        kernel = torch.tensor(np.asarray(known[index]), dtype=torch.float64).reshape(1, 1, 3, 3).repeat(9, 1, 1, 1)
        out = F.conv2d(out, kernel, padding=1, groups=9)
    design = out.permute(0, 2, 3, 1).reshape(-1, 9)
    return torch.linalg.lstsq(design, y.reshape(-1, 1)).solution.reshape(3, 3).numpy()
