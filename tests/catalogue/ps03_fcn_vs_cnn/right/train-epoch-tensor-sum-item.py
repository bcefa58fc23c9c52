"""Accumulates a detached tensor on the device and converts once at the end with .item()."""
import torch


def train_epoch(model, loader, optimizer, loss_fn, device):
    model.train()
    total = torch.zeros((), device=device)
    count = 0
    for x, y in loader:
        x, y = x.to(device), y.to(device)
        optimizer.zero_grad(set_to_none=False)
        loss = loss_fn(model(x), y)
        loss.backward()
        optimizer.step()
        total += loss.detach() * y.shape[0]
        count += y.shape[0]
    return (total / count).item()
