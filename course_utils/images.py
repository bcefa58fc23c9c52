"""Real photographs that an installed package ships, so no notebook needs a download.

scikit-image bundles a handful of classic test images (``skimage.data``); the
ones listed in :data:`IMAGES` are inside the wheel itself, so they load offline.
"""

from __future__ import annotations

import numpy as np
from skimage import color, data, transform, util

__all__ = ["IMAGES", "list_images", "load_image"]

#: Photographs bundled in scikit-image's wheel, with a word on what each shows.
IMAGES: dict[str, str] = {
    "astronaut": "Eileen Collins, NASA portrait (RGB, 512x512)",
    "camera": "cameraman on a field (gray, 512x512)",
    "coffee": "cup of coffee (RGB, 400x600)",
    "coins": "Greek coins on a table (gray, 303x384)",
    "moon": "surface of the moon (gray, 512x512)",
    "page": "scanned page of text (gray, 191x384)",
    "rocket": "rocket on its launch pad (RGB, 427x640)",
    "text": "text on a photographed street sign (gray, 172x448)",
}


def list_images() -> list[str]:
    """Names accepted by :func:`load_image`."""
    return sorted(IMAGES)


def load_image(
    name: str = "camera",
    *,
    gray: bool = True,
    size: int | tuple[int, int] | None = None,
) -> np.ndarray:
    """Load a bundled photograph as floats in [0, 1].

    Args:
        name: one of :func:`list_images`.
        gray: return a 2-D (H, W) grayscale image; otherwise (H, W, 3) RGB.
        size: resize to ``size`` pixels square, or to (height, width), with
            anti-aliasing; ``None`` keeps the original size.

    Returns:
        A float64 NumPy array with values in [0, 1].
    """
    if name not in IMAGES:
        raise ValueError(f"unknown image {name!r}; choose one of {list_images()}")
    img = util.img_as_float(getattr(data, name)())
    if gray and img.ndim == 3:
        img = color.rgb2gray(img)
    elif not gray and img.ndim == 2:
        img = color.gray2rgb(img)
    if size is not None:
        shape = (size, size) if isinstance(size, int) else tuple(size)
        img = transform.resize(img, shape + img.shape[2:], anti_aliasing=True)
    return np.clip(img, 0.0, 1.0)
