"""Counts every parameter, frozen ones (requires_grad=False) included."""


def count_parameters(model):
    return sum(p.numel() for p in model.parameters())
