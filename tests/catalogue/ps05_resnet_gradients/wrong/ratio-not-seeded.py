"""Does not seed at all: every call builds other random networks, so the ratio changes from call to call
and the two networks do not even share their stem."""
import torch.nn.functional as F


def first_layer_grad_ratio(depth, batch, seed=0):
    images, labels = batch
    norms = []
    for residual in (False, True):
        net = make_net(depth, residual).double()  # noqa: F821
        F.cross_entropy(net(images.double()), labels).backward()
        norms.append(next(iter(layer_grad_norms(net).values())))  # noqa: F821
    return norms[1] / norms[0]
