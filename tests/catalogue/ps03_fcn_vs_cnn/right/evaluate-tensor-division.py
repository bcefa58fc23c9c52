"""RIGHT: the common pattern: count correct samples in a tensor, divide by the number of samples, .item().
Counts samples (not batches), eval mode, no_grad, on the device. (Dividing an integer tensor by an int gives a
float32 tensor, so 6/10 comes back as 0.6000000238: float32 rounding only.)"""
import torch


def evaluate(model, loader, device) -> float:
    model.eval()
    correct, total = 0, 0
    with torch.no_grad():
        for x, y in loader:
            x, y = x.to(device), y.to(device)
            correct += (model(x).argmax(dim=1) == y).sum()
            total += y.size(0)
    return (correct / total).item()
