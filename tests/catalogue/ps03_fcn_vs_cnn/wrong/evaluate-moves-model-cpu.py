"""WRONG: moves the caller's model to the CPU to avoid device trouble (and never back): afterwards the model
is no longer on `device`, so training continues on the wrong device / crashes on a GPU."""
import torch


def evaluate(model, loader, device) -> float:
    model.cpu().eval()
    correct, total = 0, 0
    with torch.no_grad():
        for x, y in loader:
            correct += (model(x).argmax(1) == y).sum().item()
            total += len(y)
    return correct / total
