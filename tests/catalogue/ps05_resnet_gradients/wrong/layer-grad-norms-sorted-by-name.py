"""Sorts the entries by name: "fc.weight" then comes before "layer1.0.conv1.weight" in ResNet-18 and the
order no longer runs from the input to the output."""


def layer_grad_norms(model):
    norms = {name: p.grad.norm().item() for name, p in model.named_parameters()
             if p.dim() > 1 and p.grad is not None}
    return dict(sorted(norms.items()))
