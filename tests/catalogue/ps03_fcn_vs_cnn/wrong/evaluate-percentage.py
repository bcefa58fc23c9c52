"""Returns a percentage (0-100) instead of a fraction in [0, 1]."""
import torch


def evaluate(model, loader, device):
    model.eval()
    correct, count = 0, 0
    with torch.no_grad():
        for x, y in loader:
            correct += (model(x.to(device)).argmax(1) == y.to(device)).sum().item()
            count += len(y)
    return 100.0 * correct / count
