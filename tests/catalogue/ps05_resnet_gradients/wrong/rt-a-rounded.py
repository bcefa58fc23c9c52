"""WRONG (layer_grad_norms): rounds each norm to 6 decimals "for readable output".

Absolute rounding destroys exactly what the notebook measures: a plain network's stem
gradient of 1e-17 becomes 0.0 and anything below 5e-7 is lost; values also differ by up to
5e-7 absolute. The worked example, 5.0, is unchanged.
"""
import torch
import torch.nn as nn


def layer_grad_norms(model: nn.Module) -> dict[str, float]:
    return {name: round(p.grad.norm().item(), 6) for name, p in model.named_parameters()
            if p.dim() > 1 and p.grad is not None}
