"""model.zero_grad() before the forward pass; divides the summed loss by len(loader.dataset)."""


def train_epoch(model, loader, optimizer, loss_fn, device):
    model.train()
    running = 0.0
    for batch, (inputs, targets) in enumerate(loader):
        inputs = inputs.to(device, non_blocking=True)
        targets = targets.to(device, non_blocking=True)
        model.zero_grad(set_to_none=True)
        outputs = model(inputs)
        loss = loss_fn(outputs, targets)
        loss.backward()
        optimizer.step()
        running += loss.detach().item() * inputs.size(0)
    return running / len(loader.dataset)
