"""Three wrong answers to ps04_sift_backprop, spliced into the reference by ``python -m autograde demo``.

The other answers of the notebook stay correct, so this submission must lose some
points, not all.

``match_precision``
    Takes ``(u, v)`` of ``H @ (x, y, 1)`` without dividing by ``w``. Right for an affine
    homography (the worked example is a shift, ``w = 1``), wrong as soon as ``H`` has
    perspective, as the view pair's ``H`` has.
``gradient_magnitude_orientation``
    Halves the central differences, ``(L[x+1] - L[x-1]) / 2``, as ``numpy.gradient``
    does. The angle is right, the magnitude half as large as the pinned (Lowe's) one.
``soft_clip``
    The origin notebook's soft clip ``(t * tanh(x / t) + t) / 2``: smooth, increasing and
    below ``t``, but it maps 0 to ``t / 2`` instead of passing small values through.

Each function imports what it uses, so it runs whatever the notebook imported;
annotations are strings for the same reason. Only the ``def`` statements are
spliced in (see ``autograde.notebooks.functions_in``).
"""


def match_precision(kp1, kp2, matches, H: "np.ndarray", tol_px: float = 3.0) -> float:  # noqa: F821
    """Share of matches within tol_px, WRONG: no division by w after mapping by H."""
    import numpy as np

    if len(matches) == 0:
        return 0.0
    src = np.array([kp1[m.queryIdx].pt for m in matches], dtype=np.float64)
    dst = np.array([kp2[m.trainIdx].pt for m in matches], dtype=np.float64)
    mapped = np.column_stack([src, np.ones(len(src))]) @ np.asarray(H, dtype=np.float64).T
    errors = np.linalg.norm(mapped[:, :2] - dst, axis=1)  # should be mapped[:, :2] / mapped[:, 2:3]
    return float(np.mean(errors <= tol_px))


def gradient_magnitude_orientation(L: "torch.Tensor"):  # noqa: F821
    """Magnitude and angle of the interior, WRONG: the central differences are halved."""
    import torch

    dx = (L[1:-1, 2:] - L[1:-1, :-2]) / 2  # should not be halved
    dy = (L[2:, 1:-1] - L[:-2, 1:-1]) / 2
    return torch.sqrt(dx**2 + dy**2), torch.atan2(dy, dx)


def soft_clip(x: "torch.Tensor", threshold: float) -> "torch.Tensor":  # noqa: F821
    """A smooth clip, WRONG: the seed's (t tanh(x / t) + t) / 2, which maps 0 to t / 2."""
    import torch

    return (threshold * torch.tanh(x / threshold) + threshold) / 2
