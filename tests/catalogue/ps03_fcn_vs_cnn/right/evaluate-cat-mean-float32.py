"""RIGHT: collects a per-sample 'correct' flag for every sample and returns their mean (counts samples, not
batches); the mean is a float32 tensor mean, so 6/10 comes back as 0.6000000238 (float32 rounding)."""
import torch


def evaluate(model, loader, device) -> float:
    model.eval()
    flags = []
    with torch.no_grad():
        for x, y in loader:
            flags.append((model(x.to(device)).argmax(1) == y.to(device)).cpu())
    return torch.cat(flags).float().mean().item()
