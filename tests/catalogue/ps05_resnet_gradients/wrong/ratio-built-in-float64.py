"""Builds the networks in float64 (torch.set_default_dtype) instead of building them in float32 and
converting them with .double(): the random draws then give other weights than make_net's under the same seed."""
import torch
import torch.nn.functional as F


def first_layer_grad_ratio(depth, batch, seed=0):
    images, labels = batch
    norms = []
    previous = torch.get_default_dtype()
    torch.set_default_dtype(torch.float64)
    try:
        for residual in (False, True):
            torch.manual_seed(seed)
            net = make_net(depth, residual)  # noqa: F821
            F.cross_entropy(net(images.double()), labels).backward()
            norms.append(next(iter(layer_grad_norms(net).values())))  # noqa: F821
    finally:
        torch.set_default_dtype(previous)
    return norms[1] / norms[0]
