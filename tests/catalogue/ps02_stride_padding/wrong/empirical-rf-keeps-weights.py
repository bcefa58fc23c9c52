"""Back-propagates through the model as it is (its own weights, a random input): zero taps and
dead ReLUs hide pixels, and max-pooling passes the gradient to one pixel per window."""
import torch
import torch.nn as nn


def empirical_receptive_field(model, input_size):
    h, w = tuple(input_size) if isinstance(input_size, (tuple, list)) else (input_size, input_size)
    convs = [m for m in model.modules() if isinstance(m, nn.Conv2d)]
    channels = convs[0].in_channels if convs else 1
    x = torch.randn(1, channels, h, w, requires_grad=True)
    out = model(x)
    out[0, :, out.shape[-2] // 2, out.shape[-1] // 2].sum().backward()
    reached = x.grad[0].abs().sum(0) > 0
    rows, cols = reached.any(1).nonzero().flatten(), reached.any(0).nonzero().flatten()
    box = (int(rows.max() - rows.min()) + 1, int(cols.max() - cols.min()) + 1)
    return box[0] if box[0] == box[1] else box
