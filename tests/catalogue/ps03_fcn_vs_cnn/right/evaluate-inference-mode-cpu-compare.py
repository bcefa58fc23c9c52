"""torch.inference_mode(), predictions copied to the CPU and compared there; a float at the end."""
import torch


def evaluate(model, loader, device):
    model.eval()
    right = total = 0
    with torch.inference_mode():
        for x, y in loader:
            predicted = model(x.to(device)).argmax(dim=1).cpu()
            right += int((predicted == y).sum())
            total += y.numel()
    return float(right / total)
