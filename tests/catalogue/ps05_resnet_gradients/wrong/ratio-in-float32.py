"""Computes in float32, the default: from a depth of about 27 on, the norm of the plain network's stem
gradient underflows to 0.0 (its entries are about 1e-25, their squares below float32's range) and the
division fails; at smaller depths the ratio is off in its 7th digit."""
import torch
import torch.nn.functional as F


def first_layer_grad_ratio(depth, batch, seed=0):
    images, labels = batch
    norms = []
    for residual in (False, True):
        torch.manual_seed(seed)
        net = make_net(depth, residual)  # noqa: F821
        F.cross_entropy(net(images), labels).backward()
        norms.append(net[0].weight.grad.norm().item())
    return norms[1] / norms[0]
