"""A torch tensor is converted to NumPy and the result comes back as a NumPy array, not a tensor."""
import numpy as np
import scipy.signal
import torch


def apply_chain(x, filters, order):
    if isinstance(x, torch.Tensor):
        x = x.detach().cpu().numpy()
    out = np.asarray(x, dtype=np.float64)
    images = out.reshape(-1, *out.shape[-2:])
    result = []
    for image in images:
        for index in order:
            kernel = filters[index]
            kernel = kernel.detach().cpu().numpy() if isinstance(kernel, torch.Tensor) else np.asarray(kernel, float)
            image = scipy.signal.correlate2d(image, kernel, mode="same")
        result.append(image)
    return np.stack(result).reshape(out.shape)
