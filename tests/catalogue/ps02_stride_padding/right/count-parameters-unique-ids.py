"""Walks every module's own parameters and deduplicates shared tensors by id."""


def count_parameters(model):
    seen = {}
    for module in model.modules():
        for p in module.parameters(recurse=False):
            if p.requires_grad:
                seen[id(p)] = p.numel()
    return sum(seen.values())
