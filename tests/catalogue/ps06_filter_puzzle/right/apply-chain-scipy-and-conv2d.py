"""SciPy for NumPy arrays (correlate2d, mode='same', zero fill), F.conv2d for tensors, with the
batch as the channel-free batch axis."""
import numpy as np
import scipy.signal
import torch
import torch.nn.functional as F


def apply_chain(x, filters, order):
    if isinstance(x, torch.Tensor):
        out = x.unsqueeze(0) if x.dim() == 2 else x
        out = out.unsqueeze(1)
        for index in order:
            kernel = filters[index]
            if isinstance(kernel, torch.Tensor):
                kernel = kernel.to(x)
            else:
                kernel = torch.tensor(np.asarray(kernel, dtype=np.float64), dtype=x.dtype, device=x.device)
            out = F.conv2d(out, kernel[None, None], padding=1)
        out = out.squeeze(1)
        return out.squeeze(0) if x.dim() == 2 else out
    images = np.asarray(x, dtype=np.float64)
    flat = images.reshape(-1, *images.shape[-2:])
    result = np.empty_like(flat)
    for n, image in enumerate(flat):
        for index in order:
            image = scipy.signal.correlate2d(image, np.asarray(filters[index], dtype=np.float64), mode="same",
                                             boundary="fill", fillvalue=0)
        result[n] = image
    return result.reshape(images.shape)
