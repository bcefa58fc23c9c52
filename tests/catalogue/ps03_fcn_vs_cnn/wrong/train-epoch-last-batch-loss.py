"""Returns the loss of the last batch instead of the mean over the epoch."""


def train_epoch(model, loader, optimizer, loss_fn, device):
    model.train()
    for x, y in loader:
        x, y = x.to(device), y.to(device)
        optimizer.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        optimizer.step()
    return loss.item()
