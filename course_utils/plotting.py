"""Plots that several notebooks need: a titled grid of images."""

from __future__ import annotations

import math
from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np

__all__ = ["show_images"]


def _to_numpy(image) -> np.ndarray:
    if hasattr(image, "detach"):  # a torch tensor, maybe on CUDA
        image = image.detach().cpu().numpy()
    return np.asarray(image)


def show_images(
    images: Sequence,
    titles: Sequence[str] | None = None,
    *,
    ncols: int | None = None,
    cmap: str = "gray",
    suptitle: str | None = None,
    colorbar: bool = False,
    size: float = 3.0,
) -> plt.Figure:
    """Show images side by side, each with a title, and return the figure.

    Args:
        images: 2-D arrays (shown with ``cmap``) or (H, W, 3) RGB arrays; NumPy
            arrays or torch tensors.
        titles: one title per image.
        ncols: images per row (default: all in one row, at most 4).
        cmap: colour map for 2-D images.
        suptitle: a title for the whole figure.
        colorbar: add a colour bar to each panel (useful for signed filter outputs).
        size: inches per panel.
    """
    images = [_to_numpy(img) for img in images]
    if not images:
        raise ValueError("show_images needs at least one image")
    if titles is not None and len(titles) != len(images):
        raise ValueError(f"got {len(images)} images but {len(titles)} titles")
    ncols = ncols or min(len(images), 4)
    nrows = math.ceil(len(images) / ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(size * ncols, size * nrows), squeeze=False)
    for k, ax in enumerate(axes.flat):
        ax.axis("off")
        if k >= len(images):
            continue
        shown = ax.imshow(images[k], cmap=cmap if images[k].ndim == 2 else None)
        if titles is not None:
            ax.set_title(titles[k])
        if colorbar:
            fig.colorbar(shown, ax=ax, fraction=0.046, pad=0.04)
    if suptitle:
        fig.suptitle(suptitle)
    fig.tight_layout()
    return fig
