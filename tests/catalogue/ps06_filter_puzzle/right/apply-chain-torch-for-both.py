"""Everything in torch: NumPy input converted to a float64 tensor and the result back to NumPy."""
import numpy as np
import torch
import torch.nn.functional as F


def apply_chain(x, filters, order):
    was_numpy = not isinstance(x, torch.Tensor)
    t = torch.from_numpy(np.asarray(x, dtype=np.float64)) if was_numpy else x
    out = t.reshape(-1, 1, *t.shape[-2:])
    for index in order:
        kernel = filters[index]
        if not isinstance(kernel, torch.Tensor):
            kernel = torch.from_numpy(np.asarray(kernel, dtype=np.float64))  # a nested list would become float32
        kernel = kernel.to(dtype=t.dtype, device=t.device)
        out = F.conv2d(out, kernel.reshape(1, 1, 3, 3), padding=1)
    out = out.reshape(t.shape)
    return out.numpy() if was_numpy else out
