"""WRONG (layer_grad_norms): casts every gradient to float32 before taking its norm.

For a float64 model (Part E converts the nets with .double() to keep tiny gradients) the
squares of gradient entries around 1e-25 underflow in float32 and the norm comes out as 0.0
(or loses precision), so the function no longer reports the gradient's norm. On the
float32 models of the visible tests the cast is a no-op.
"""
import torch
import torch.nn as nn


def layer_grad_norms(model: nn.Module) -> dict[str, float]:
    return {name: p.grad.detach().float().norm().item() for name, p in model.named_parameters()
            if p.dim() > 1 and p.grad is not None}
