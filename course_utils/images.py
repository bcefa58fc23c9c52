"""Real photographs that an installed package ships, so no notebook needs a download.

scikit-image bundles a handful of classic test images (``skimage.data``); the
ones listed in :data:`IMAGES` are inside the wheel itself, so they load offline.
:func:`make_view_pair` makes a second view of one under a known homography, so that
every feature match can be checked against the truth.
"""

from __future__ import annotations

import math

import numpy as np
from skimage import color, data, transform, util

__all__ = ["IMAGES", "list_images", "load_image", "make_view_pair"]

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


def _view_homography(rng: np.random.Generator, height: int, width: int) -> np.ndarray:
    """A homography about the image centre: rotation by 15-30 degrees (either way), scale
    0.8-0.95, a mild perspective tilt; the centre stays at the centre."""
    angle = math.radians(rng.uniform(15.0, 30.0) * rng.choice([-1.0, 1.0]))
    scale = rng.uniform(0.8, 0.95)
    cx, cy = (width - 1) / 2.0, (height - 1) / 2.0
    to_origin = np.array([[1.0, 0.0, -cx], [0.0, 1.0, -cy], [0.0, 0.0, 1.0]])
    rotate = np.array([[scale * math.cos(angle), -scale * math.sin(angle), 0.0],
                       [scale * math.sin(angle), scale * math.cos(angle), 0.0],
                       [0.0, 0.0, 1.0]])
    tilt = np.eye(3)
    tilt[2, :2] = rng.uniform(-0.25, 0.25, size=2) / max(height, width)  # mild perspective
    back = np.array([[1.0, 0.0, cx], [0.0, 1.0, cy], [0.0, 0.0, 1.0]])
    H = back @ tilt @ rotate @ to_origin
    centre = H @ np.array([cx, cy, 1.0])
    shift = np.eye(3)
    shift[:2, 2] = [cx - centre[0] / centre[2], cy - centre[1] / centre[2]]  # keep the centre in place
    H = shift @ H
    return H / H[2, 2]


def make_view_pair(name: str = "astronaut", seed: int = 0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A photograph and a second view of it under a known homography.

    ``img1`` is the bundled photograph ``name`` in grayscale. ``img2`` is ``img1`` seen
    through a random (seeded) 3x3 homography ``H`` about the image centre (rotation by
    15-30 degrees, scale 0.8-0.95, mild perspective), with its contrast scaled by
    0.75-0.9 and its brightness raised by 15-30 grey levels (pixels outside the
    photograph are black before that change). The same ``seed`` always gives the same pair.

    Args:
        name: one of :func:`list_images`.
        seed: seed of the homography and of the brightness/contrast change.

    Returns:
        ``(img1, img2, H)``: two uint8 arrays of the photograph's (height, width), and
        ``H`` (float64, 3x3, ``H[2, 2] == 1``) mapping img1 pixel coordinates
        ``(x, y, 1)`` (x the column, y the row) to img2's, up to the homogeneous scale.
    """
    import cv2  # imported here: OpenCV is only needed by the assignments that use it

    img1 = np.round(load_image(name) * 255.0).astype(np.uint8)
    rng = np.random.default_rng(seed)
    height, width = img1.shape
    H = _view_homography(rng, height, width)
    warped = cv2.warpPerspective(img1, H, (width, height), flags=cv2.INTER_LINEAR,
                                 borderMode=cv2.BORDER_CONSTANT, borderValue=0)
    contrast, brightness = rng.uniform(0.75, 0.9), rng.uniform(15.0, 30.0)
    img2 = np.clip(np.round(warped * contrast + brightness), 0, 255).astype(np.uint8)
    return img1, img2, H
