"""Returns 0-d tensors instead of Python floats (no .item()): they keep the device and the dtype of the
gradient, and do not print or plot like numbers everywhere."""


def layer_grad_norms(model):
    return {name: p.grad.norm() for name, p in model.named_parameters() if p.dim() > 1 and p.grad is not None}
