"""Three wrong answers to ps02_stride_padding, spliced into the reference by ``python -m autograde demo``.

The other answers of the notebook stay correct, so this submission must lose some
points, not all.

``conv_output_size``
    The seed mistake ``ps02-conv-output-size-int-truncates``: the size is computed as
    ``int((n + 2p - d(k-1) - 1) / s) + 1``. ``int()`` rounds toward zero, not down, so a
    numerator of -1 with stride 2 gives ``int(-0.5) + 1 = 1`` where the output is empty
    (size 1, kernel 4, padding 1, stride 2: ``nn.Conv2d`` refuses it). Right for every
    non-empty layer; only the empty-output test catches it.
``TwoConvNet``
    The seed mistake ``ps02-two-conv-net-flatten-hardcoded-5x5``: the linear layer takes
    ``32 * 5 * 5`` features whatever ``height`` and ``width`` are, so the network works on
    5x5 images only.
``receptive_field``
    The seed mistake ``ps02-receptive-field-ignores-dilation``: ``r += (k - 1) * j``, as
    if every kernel were dense; right for ordinary stacks, wrong for dilated ones.

Each function imports what it uses, so it runs whatever the notebook imported; the
class's base ``nn.Module`` comes from the notebook's setup cell (``import torch.nn as nn``),
since only the ``def`` and ``class`` statements are spliced in (see
``autograde.notebooks.functions_in``).
"""


def conv_output_size(size, kernel, stride=1, padding=0, dilation=1):
    """Output size of nn.Conv2d, WRONG: int() truncates toward zero instead of flooring."""
    args = (size, kernel, stride, padding, dilation)
    per_axis = [tuple(a) if isinstance(a, (tuple, list)) else (a, a) for a in args]
    out = []
    for n, k, s, p, d in zip(*per_axis):
        value = int((n + 2 * p - d * (k - 1) - 1) / s) + 1  # should be (...) // s + 1
        if value < 1:
            raise ValueError(f"the output would be empty ({value} pixels)")
        out.append(value)
    if any(isinstance(a, (tuple, list)) for a in args):
        return tuple(out)
    return out[0]


class TwoConvNet(nn.Module):  # noqa: F821 -- nn comes from the notebook's setup cell
    """conv 16 -> conv 32 -> flatten -> linear, WRONG: the flattened size is written for 5x5 images."""

    def __init__(self, in_channels=1, height=5, width=5, num_classes=2):
        import torch.nn as nn

        super().__init__()
        self.conv1 = nn.Conv2d(in_channels, 16, kernel_size=3, padding=1)
        self.conv2 = nn.Conv2d(16, 32, kernel_size=3, padding=1)
        self.fc = nn.Linear(32 * 5 * 5, num_classes)  # should be 32 * height * width

    def forward(self, x):
        return self.fc(self.conv2(self.conv1(x)).flatten(1))


def receptive_field(layers):
    """(rf, jump) of a conv/pool stack, WRONG: dilation is ignored."""
    import torch.nn as nn

    rf, jump = [1, 1], [1, 1]
    for layer in layers:
        if not isinstance(layer, (nn.Conv2d, nn.MaxPool2d, nn.AvgPool2d)):
            continue
        kernel, stride = (tuple(v) if isinstance(v, (tuple, list)) else (v, v) for v in (layer.kernel_size, layer.stride))
        for axis in range(2):
            rf[axis] += (kernel[axis] - 1) * jump[axis]  # should be dilation * (kernel - 1) * jump
            jump[axis] *= stride[axis]
    return tuple(v[0] if v[0] == v[1] else tuple(v) for v in (rf, jump))
