"""An OrderedDict, torch.linalg.vector_norm and float(): the same norms, in the same order."""
from collections import OrderedDict

import torch


def layer_grad_norms(model):
    norms = OrderedDict()
    for name, p in model.named_parameters():
        if p.grad is None or p.ndim < 2:
            continue
        norms[name] = float(torch.linalg.vector_norm(p.grad))
    return norms
