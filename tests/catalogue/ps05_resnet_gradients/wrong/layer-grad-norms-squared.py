"""Returns the squared norm, the sum of the squares, without the square root (25.0 instead of 5.0 in the
worked example)."""


def layer_grad_norms(model):
    return {name: (p.grad ** 2).sum().item() for name, p in model.named_parameters()
            if p.dim() > 1 and p.grad is not None}
