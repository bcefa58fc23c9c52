"""Keys the dict by the name of the module ("conv1", "layer1.0.conv1") instead of the name of the
parameter ("conv1.weight", ...)."""


def layer_grad_norms(model):
    norms = {}
    for module_name, module in model.named_modules():
        for p in module.parameters(recurse=False):
            if p.dim() > 1 and p.grad is not None:
                norms[module_name] = p.grad.norm().item()
    return norms
