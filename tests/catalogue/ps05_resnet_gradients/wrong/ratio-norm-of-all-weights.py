"""Compares the norm of the whole gradient (all weight tensors together) instead of the stem's: the
layers near the output, whose gradients do not vanish, dominate it."""
import math

import torch
import torch.nn.functional as F


def first_layer_grad_ratio(depth, batch, seed=0):
    images, labels = batch
    norms = []
    for residual in (False, True):
        torch.manual_seed(seed)
        net = make_net(depth, residual).double()  # noqa: F821
        F.cross_entropy(net(images.double()), labels).backward()
        norms.append(math.sqrt(sum(v ** 2 for v in layer_grad_norms(net).values())))  # noqa: F821
    return norms[1] / norms[0]
