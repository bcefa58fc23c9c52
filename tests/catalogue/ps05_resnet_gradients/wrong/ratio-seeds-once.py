"""Seeds once, before the first network only: the residual network then gets other random weights than
the plain one (another stem among them), so the ratio compares two different first layers."""
import torch
import torch.nn.functional as F


def first_layer_grad_ratio(depth, batch, seed=0):
    images, labels = batch
    torch.manual_seed(seed)
    norms = []
    for residual in (False, True):
        net = make_net(depth, residual).double()  # noqa: F821
        F.cross_entropy(net(images.double()), labels).backward()
        norms.append(next(iter(layer_grad_norms(net).values())))  # noqa: F821
    return norms[1] / norms[0]
