"""Three wrong answers to ps05_resnet_gradients, spliced into the reference by ``python -m autograde demo``.

The other answers of the notebook stay correct, and so does every experiment but the plot
of the ratio against depth (which divides by zero at depth 32), so this submission must
lose some points, not all.

``layer_grad_norms``
    Sorts the entries by name. For one layer, or for names that happen to sort in
    definition order, nothing changes; in ResNet-18 ``"fc.weight"`` then comes before
    ``"layer1.0.conv1.weight"``, and the order no longer runs from the input to the output.
    Only the hidden test with layers whose names are not alphabetical notices.
``ResidualBlock``
    The 1x1 projection without the block's stride: right when only the channels change,
    a shape error as soon as the block halves the image. The networks of this notebook keep
    their shape, so only the projection test notices.
``first_layer_grad_ratio``
    Computed in float32, the default. Below a depth of about 27 the ratio is off in its
    seventh digit; from there on the norm of the plain network's stem gradient underflows
    to 0.0 and the division fails.

Each function imports what it uses, so it runs whatever the notebook imported, and
annotations are strings for the same reason; the class's base is the notebook's ``nn``,
imported in its first cell. Only the ``def`` and ``class`` statements are spliced in (see
``autograde.notebooks.functions_in``).
"""


def layer_grad_norms(model: "nn.Module") -> "dict[str, float]":  # noqa: F821
    """Gradient norms of the weight tensors, WRONG: sorted by name instead of in definition order."""
    norms = {name: p.grad.norm().item() for name, p in model.named_parameters()
             if p.dim() > 1 and p.grad is not None}
    return dict(sorted(norms.items()))  # should keep the order of named_parameters()


class ResidualBlock(nn.Module):  # noqa: F821  (the notebook imports torch.nn as nn)
    """relu(conv2(relu(conv1(x))) + shortcut(x)), WRONG: the projection ignores the stride."""

    def __init__(self, in_channels: int, out_channels: int, stride: int = 1):
        import torch.nn as nn

        super().__init__()
        self.conv1 = nn.Conv2d(in_channels, out_channels, kernel_size=3, stride=stride, padding=1)
        self.conv2 = nn.Conv2d(out_channels, out_channels, kernel_size=3, padding=1)
        if in_channels == out_channels and stride == 1:
            self.shortcut = nn.Identity()
        else:
            self.shortcut = nn.Conv2d(in_channels, out_channels, kernel_size=1)  # should have stride=stride

    def forward(self, x: "torch.Tensor") -> "torch.Tensor":  # noqa: F821
        import torch.nn.functional as F

        return F.relu(self.conv2(F.relu(self.conv1(x))) + self.shortcut(x))


def first_layer_grad_ratio(depth: int, batch, seed: int = 0) -> float:
    """Residual / plain stem gradient norm, WRONG: in float32, where the plain norm underflows at depth ~27."""
    import torch
    import torch.nn.functional as F

    images, labels = batch
    norms = []
    for residual in (False, True):
        torch.manual_seed(seed)
        net = make_net(depth, residual)  # noqa: F821  (should be .double(), with images.double())
        F.cross_entropy(net(images), labels).backward()
        norms.append(next(iter(layer_grad_norms(net).values())))  # noqa: F821
    return norms[1] / norms[0]
