"""WRONG (first_layer_grad_ratio): builds the networks with num_classes = labels.max() + 1 instead of the default 5.

Identical whenever the batch holds an image of class 4 (the visible batches of 8 and 6
consecutive images do); for a batch without class 4 the networks have a smaller head and the
random draws (hence the ratio) change.

Uses the notebook's make_net and layer_grad_norms (Parts A and D)."""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F


def first_layer_grad_ratio(depth: int, batch, seed: int = 0) -> float:
    images, labels = batch
    classes = int(labels.max()) + 1
    norms = []
    for residual in (False, True):
        torch.manual_seed(seed)
        net = make_net(depth, residual, num_classes=classes).double()
        F.cross_entropy(net(images.double()), labels).backward()
        norms.append(next(iter(layer_grad_norms(net).values())))
    return norms[1] / norms[0]
