"""Compares predictions on the GPU with labels left on the CPU."""
import torch


def evaluate(model, loader, device):
    model.eval()
    correct, count = 0, 0
    with torch.no_grad():
        for x, y in loader:
            correct += (model(x.to(device)).argmax(1) == y).sum().item()
            count += len(y)
    return correct / count
