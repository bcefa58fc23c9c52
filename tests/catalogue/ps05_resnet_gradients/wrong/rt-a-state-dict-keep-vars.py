"""WRONG (layer_grad_norms): iterates ``model.state_dict(keep_vars=True)`` instead of named_parameters().

Buffers are skipped because they have no gradient, so it looks the same, but a state_dict
lists a shared parameter under every name it is reachable by (named_parameters lists it
once), so tied weights appear twice. Visible tests have no tied weights.
"""
import torch
import torch.nn as nn


def layer_grad_norms(model: nn.Module) -> dict[str, float]:
    out = {}
    for name, t in model.state_dict(keep_vars=True).items():
        if t.dim() > 1 and getattr(t, "grad", None) is not None:
            out[name] = t.grad.norm().item()
    return out
