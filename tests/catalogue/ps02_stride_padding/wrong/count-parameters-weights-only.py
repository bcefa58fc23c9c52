"""Counts only parameters named 'weight', forgetting biases and other parameters."""


def count_parameters(model):
    return sum(p.numel() for name, p in model.named_parameters() if p.requires_grad and name.endswith("weight"))
