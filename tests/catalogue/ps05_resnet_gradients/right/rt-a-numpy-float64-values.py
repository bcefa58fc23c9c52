"""RIGHT, though a strict test might reject it (layer_grad_norms): values are NumPy float64 obtained
through .cpu() (works for a model on a GPU).

np.float64 is a subclass of Python's float (isinstance(v, float) is True, arithmetic, formatting
and json all behave as for float), and the value is the L2 norm, computed in float64 (exact for
float32 gradients). A test written as `type(v) is float` would reject it, but the statement's
"Python floats" is met by a float subclass.
"""
import numpy as np
import torch
import torch.nn as nn


def layer_grad_norms(model: nn.Module) -> dict[str, float]:
    out = {}
    for name, p in model.named_parameters():
        if p.dim() > 1 and p.grad is not None:
            g = p.grad.detach().cpu().double().numpy()
            out[name] = np.float64(np.sqrt(np.sum(g * g)))
    return out
