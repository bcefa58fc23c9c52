"""Walks model.modules() and adds each module's parameters(), which already include its
children's: every parameter is counted once per enclosing module."""


def count_parameters(model):
    return sum(p.numel() for m in model.modules() for p in m.parameters() if p.requires_grad)
