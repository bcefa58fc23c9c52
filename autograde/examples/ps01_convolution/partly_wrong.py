"""Two wrong answers to ps01_convolution, spliced into the reference by ``python -m autograde demo``.

The other answers of the notebook stay correct, so this submission must lose some
points, not all.

``corr2d``
    The seed mistake ``ps01-corr2d-window-uses-output-size``: the window is sliced
    with the output size, ``X[i:i + h_out, j:j + w_out]``, instead of the kernel
    size, ``X[i:i + kh, j:j + kw]``. It only agrees with the right answer when the
    output happens to be as large as the kernel; otherwise the window and the kernel
    differ in shape and the product fails or broadcasts to a wrong sum.
``sobel_magnitude``
    Adds absolute values, ``|gx| + |gy|`` (the cheap "L1" edge strength), instead of
    the gradient magnitude ``sqrt(gx**2 + gy**2)``. Both are 0 on flat regions and the
    shapes are right, so only a value check catches it.

Each function imports what it uses, so it runs whatever the notebook imported;
annotations are strings for the same reason. Only the ``def`` statements are
spliced in (see ``autograde.notebooks.functions_in``).
"""


def corr2d(X: "torch.Tensor", K: "torch.Tensor") -> "torch.Tensor":  # noqa: F821
    """Valid 2-D cross-correlation, WRONG: the window has the output's size, not the kernel's."""
    import torch

    kh, kw = K.shape
    h_out, w_out = X.shape[0] - kh + 1, X.shape[1] - kw + 1
    Y = torch.zeros((h_out, w_out), dtype=torch.float32)
    for i in range(h_out):
        for j in range(w_out):
            Y[i, j] = (X[i:i + h_out, j:j + w_out] * K).sum()  # should be X[i:i + kh, j:j + kw]
    return Y


def sobel_magnitude(img: "np.ndarray") -> "np.ndarray":  # noqa: F821
    """Sobel edge strength (H-2, W-2), WRONG: |gx| + |gy| instead of sqrt(gx**2 + gy**2)."""
    import numpy as np

    img = np.asarray(img, dtype=float)
    kx = np.array([[-1.0, 0.0, 1.0], [-2.0, 0.0, 2.0], [-1.0, 0.0, 1.0]])
    ky = kx.T
    h_out, w_out = img.shape[0] - 2, img.shape[1] - 2
    gx = np.zeros((h_out, w_out))
    gy = np.zeros((h_out, w_out))
    for a in range(3):
        for b in range(3):
            window = img[a:a + h_out, b:b + w_out]
            gx += kx[a, b] * window
            gy += ky[a, b] * window
    return np.abs(gx) + np.abs(gy)  # should be np.sqrt(gx**2 + gy**2)
