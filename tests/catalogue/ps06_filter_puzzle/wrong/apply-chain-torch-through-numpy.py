"""Tensors go through NumPy and come back as a new tensor: the right type and values, but
nothing is differentiable any more, so gradient descent on the unknown filter cannot work."""
import numpy as np
import scipy.signal
import torch


def apply_chain(x, filters, order):
    as_numpy = lambda v: v.detach().cpu().numpy().astype(np.float64) if isinstance(v, torch.Tensor) else np.asarray(
        v, dtype=np.float64)
    out = as_numpy(x)
    images = out.reshape(-1, *out.shape[-2:])
    result = []
    for image in images:
        for index in order:
            image = scipy.signal.correlate2d(image, as_numpy(filters[index]), mode="same")
        result.append(image)
    result = np.stack(result).reshape(out.shape)
    if isinstance(x, torch.Tensor):
        return torch.tensor(result, dtype=x.dtype, device=x.device)
    return result
