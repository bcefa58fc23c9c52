"""Lists every parameter that has a gradient, biases and batch-norm scales included; only the weight
tensors (p.dim() > 1) count."""


def layer_grad_norms(model):
    return {name: p.grad.norm().item() for name, p in model.named_parameters() if p.grad is not None}
