"""RIGHT (layer_grad_norms): collects the selected gradients, computes all norms at once with
torch.stack(...).tolist() (one device-to-host copy instead of one .item() per tensor).

.tolist() returns Python floats (and works on CUDA tensors, unlike .numpy()); the order is that
of named_parameters(); an empty selection returns an empty dict. Gradients of different dtypes
are compared after promotion to float64 (not narrower), so no value is lost.
"""
import torch
import torch.nn as nn


def layer_grad_norms(model: nn.Module) -> dict[str, float]:
    names, grads = [], []
    for name, p in model.named_parameters():
        if p.dim() > 1 and p.grad is not None:
            names.append(name)
            grads.append(p.grad.detach())
    if not names:
        return {}
    values = torch.stack([g.norm().to(torch.float64) for g in grads]).tolist()
    return dict(zip(names, values))
