"""WRONG (layer_grad_norms): keeps parameters with ``p.dim() != 1`` instead of ``p.dim() > 1``.

0-d parameters (a learnable scalar such as ``nn.Parameter(torch.tensor(1.0))``) are
then listed, although the contract keeps only weight tensors with dim() > 1. The
visible tests only use Linear/Conv/BatchNorm, which have no 0-d parameters, so the
result is identical there.
"""
import torch
import torch.nn as nn


def layer_grad_norms(model: nn.Module) -> dict[str, float]:
    return {name: p.grad.norm().item() for name, p in model.named_parameters()
            if p.dim() != 1 and p.grad is not None}
