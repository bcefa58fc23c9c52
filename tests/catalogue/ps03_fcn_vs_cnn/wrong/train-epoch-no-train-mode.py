"""Forgets model.train(): after evaluate() the model stays in eval mode (batch norm uses frozen statistics)."""


def train_epoch(model, loader, optimizer, loss_fn, device):
    total, count = 0.0, 0
    for x, y in loader:
        x, y = x.to(device), y.to(device)
        optimizer.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        optimizer.step()
        total += loss.item() * len(y)
        count += len(y)
    return total / count
