"""count_parameters with np.prod(p.shape) for the size of each parameter.

WRONG: np.prod of an empty shape (a 0-d parameter, e.g. a learnable temperature nn.Parameter(torch.tensor(1.)))
is the float 1.0, so the total becomes a float; the contract says return an int.
"""
import numpy as np
import torch.nn as nn


def count_parameters(model):
    return sum(np.prod(p.shape) for p in model.parameters() if p.requires_grad)
