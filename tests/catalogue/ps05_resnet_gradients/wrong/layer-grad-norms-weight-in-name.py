"""The origin notebook's filter: keeps the parameters whose name contains "weight". That takes in the
batch-norm scales (1-D, also called "weight") and misses a 2-D parameter with another name."""


def layer_grad_norms(model):
    return {name: p.grad.norm().item() for name, p in model.named_parameters()
            if "weight" in name and p.grad is not None}
