"""count_parameters that walks every module's own parameters (recurse=False) and sums the trainable ones.

WRONG: a parameter shared by two different modules (tied weights, lin2.weight = lin1.weight) is
yielded by both modules and counted twice; the statement says a shared parameter counts once.
(A module object reused twice is still counted once, because model.modules() deduplicates modules.)
"""
import torch.nn as nn


def count_parameters(model):
    total = 0
    for module in model.modules():
        for p in module.parameters(recurse=False):
            if p.requires_grad:
                total += p.numel()
    return total
