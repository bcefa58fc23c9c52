"""WRONG (layer_grad_norms): uses ``named_parameters(remove_duplicate=False)``.

A weight shared by two positions of a model (the same nn.Linear used twice) is then listed
under both names, while the contract asks for the names that ``model.named_parameters()``
gives (each parameter once). No visible test shares a parameter.
"""
import torch
import torch.nn as nn


def layer_grad_norms(model: nn.Module) -> dict[str, float]:
    return {name: p.grad.norm().item() for name, p in model.named_parameters(remove_duplicate=False)
            if p.dim() > 1 and p.grad is not None}
