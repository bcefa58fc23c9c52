"""Counts the entries of state_dict(): frozen parameters and buffers (batch norm's running
statistics) are counted too, and a shared layer twice."""


def count_parameters(model):
    return sum(t.numel() for t in model.state_dict().values())
