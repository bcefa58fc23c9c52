"""The square root of the sum of squares, computed in float64 and returned as a Python float: equal to
the float32 norm to about 1e-7."""
import math


def layer_grad_norms(model):
    result = {}
    for name, p in model.named_parameters():
        if len(p.shape) > 1 and p.grad is not None:
            result[name] = math.sqrt(p.grad.detach().double().pow(2).sum().item())
    return result
