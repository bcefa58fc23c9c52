"""Three wrong answers to ps03_fcn_vs_cnn, spliced into the reference by ``python -m autograde demo``.

The other answers of the notebook stay correct (and the networks still train to full
accuracy), so this submission must lose some points, not all.

``train_epoch``
    Averages the batch losses with equal weights, ``sum(losses) / len(losses)``,
    instead of weighting each by its number of samples: wrong whenever the last batch
    is smaller than the others. Training itself is unaffected; only the number
    reported is off, so only a test with a short last batch notices.
``predict``
    The seed's bug: ``.numpy()`` straight on the model's output. On a CPU it works;
    on a GPU it raises ``TypeError: can't convert cuda:0 device type tensor to numpy``.
    The hidden test runs it on a simulated GPU and catches it on any machine.
``most_confused_pair``
    Takes the largest cell of the whole confusion matrix, which is a correct
    prediction on the diagonal, not a confusion.

Each function imports what it uses, so it runs whatever the notebook imported;
annotations are strings for the same reason. Only the ``def`` statements are
spliced in (see ``autograde.notebooks.functions_in``).
"""


def train_epoch(model: "nn.Module", loader, optimizer: "torch.optim.Optimizer", loss_fn, device) -> float:  # noqa: F821
    """One epoch of training, WRONG: returns the mean over batches, not over samples."""
    model.train()
    losses = []
    for x, y in loader:
        x, y = x.to(device), y.to(device)
        optimizer.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return sum(losses) / len(losses)  # should weight each batch by len(y)


def predict(model: "nn.Module", images: "torch.Tensor", device) -> "np.ndarray":  # noqa: F821
    """Predicted labels, WRONG on a GPU: .numpy() on a tensor that may live on the device."""
    import torch

    model.eval()
    with torch.no_grad():
        return model(images.to(device)).argmax(dim=1).numpy()  # should be .cpu().numpy()


def most_confused_pair(confusion: "np.ndarray") -> tuple[int, int]:  # noqa: F821
    """(true, predicted) of the largest count, WRONG: the diagonal is not skipped."""
    import numpy as np

    i, j = np.unravel_index(np.argmax(confusion), np.shape(confusion))
    return int(i), int(j)
