"""WRONG: trains on the CPU by moving the caller's model there (model.cpu()) and leaving the batches on the CPU;
the numbers are right, but the model no longer lives on `device` afterwards (on a real GPU the Adam state stays
on cuda and the next step crashes; the statement: the model is already on the device, the data are not)."""
import torch


def train_epoch(model, loader, optimizer, loss_fn, device) -> float:
    model.cpu().train()
    total, n = 0.0, 0
    for x, y in loader:
        optimizer.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        optimizer.step()
        total += loss.item() * len(x)
        n += len(x)
    return total / n
