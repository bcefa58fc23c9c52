"""Looks only at nn.Conv2d and nn.Linear modules instead of every parameter with p.dim() > 1: misses
a Conv1d, and a layer whose 2-D weight is a bare parameter."""
import torch.nn as nn


def layer_grad_norms(model):
    norms = {}
    for module_name, module in model.named_modules():
        if isinstance(module, (nn.Conv2d, nn.Linear)) and module.weight.grad is not None:
            name = f"{module_name}.weight" if module_name else "weight"
            norms[name] = module.weight.grad.norm().item()
    return norms
