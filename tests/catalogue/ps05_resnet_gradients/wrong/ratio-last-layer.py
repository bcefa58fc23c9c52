"""Compares the gradients of the last weight tensor (the linear layer) instead of the first (the stem):
that is where the gradient starts, not where it arrives."""
import torch
import torch.nn.functional as F


def first_layer_grad_ratio(depth, batch, seed=0):
    images, labels = batch
    norms = []
    for residual in (False, True):
        torch.manual_seed(seed)
        net = make_net(depth, residual).double()  # noqa: F821
        F.cross_entropy(net(images.double()), labels).backward()
        norms.append(list(layer_grad_norms(net).values())[-1])  # noqa: F821
    return norms[1] / norms[0]
