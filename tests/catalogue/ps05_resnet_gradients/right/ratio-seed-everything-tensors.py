"""seed_everything(seed) (which calls torch.manual_seed), nn.CrossEntropyLoss, and the division done on
float64 tensors before .item()."""
import torch
import torch.nn as nn

from course_utils import seed_everything


def first_layer_grad_ratio(depth, batch, seed=0):
    images, labels = batch
    grads = []
    for residual in (False, True):
        seed_everything(seed)
        net = make_net(depth, residual=residual).double()  # noqa: F821
        nn.CrossEntropyLoss()(net(images.double()), labels).backward()
        name = next(iter(layer_grad_norms(net)))  # noqa: F821
        grads.append(dict(net.named_parameters())[name].grad.norm())
    return (grads[1] / grads[0]).item()
