"""Counts parameter tensors (weight, bias, ...) instead of the numbers in them."""


def count_parameters(model):
    return len([p for p in model.parameters() if p.requires_grad])
