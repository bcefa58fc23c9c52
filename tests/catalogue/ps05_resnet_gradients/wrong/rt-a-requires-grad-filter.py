"""WRONG (layer_grad_norms): filters on ``p.requires_grad`` as well as ``p.grad is not None``.

The contract selects on having a gradient: a parameter frozen after a backward pass
(requires_grad=False but .grad still set, e.g. when fine-tuning freezes a layer mid-way)
has a gradient and must be listed; this version drops it. Every visible test parameter
requires grad.
"""
import torch
import torch.nn as nn


def layer_grad_norms(model: nn.Module) -> dict[str, float]:
    return {name: p.grad.norm().item() for name, p in model.named_parameters()
            if p.dim() > 1 and p.requires_grad and p.grad is not None}
