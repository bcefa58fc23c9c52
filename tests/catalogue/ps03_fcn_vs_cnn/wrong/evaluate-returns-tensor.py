"""Accumulates a tensor of correct counts and returns a 0-d tensor (on the GPU), not a float."""
import torch


def evaluate(model, loader, device):
    model.eval()
    correct, count = 0, 0
    with torch.no_grad():
        for x, y in loader:
            correct = correct + (model(x.to(device)).argmax(1) == y.to(device)).sum()
            count += len(y)
    return correct / count
