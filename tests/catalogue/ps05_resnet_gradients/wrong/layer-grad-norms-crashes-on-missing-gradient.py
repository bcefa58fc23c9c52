"""Does not skip parameters without a gradient: crashes on a frozen or unused layer (p.grad is None),
and on a model before its first backward pass."""


def layer_grad_norms(model):
    return {name: p.grad.norm().item() for name, p in model.named_parameters() if p.dim() > 1}
