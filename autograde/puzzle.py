"""The filter puzzle of ps06, made on the instructor's side: ``python -m autograde make-puzzle``.

A puzzle is a folder in the layout of the course's origin notebook: ``NN.png``
grayscale images (crops of photographs that scikit-image ships, and a few synthetic
ones), ``NN.txt`` the output of a chain of three 3x3 filters applied to each image's
0...255 pixel values (cross-correlation, zero padding 1, so the size is kept), and
``algos.csv`` with the two known filters (six rows of three numbers: the first filter,
then the second). The third filter and the order are the puzzle's secret: they are
arguments of :func:`make_puzzle`, written to no file of the puzzle.

Filters are indexed ``[known[0], known[1], unknown]``; an order ``(i, j, k)`` applies
``filters[i]`` first, then ``filters[j]``, then ``filters[k]``.

Not every secret makes a puzzle: two 3x3 filters that are each symmetric under both
axis flips (box, Gaussian, Laplacian, sharpen) commute exactly under zero padding,
border included, so their order cannot be told apart. :func:`make_puzzle` fits the
unknown filter for all six orders by least squares (the chain is linear in it) and
refuses a secret whose second-best order does not leave at least
:data:`MIN_SEPARATION` times the residual of the best.
"""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Sequence

import numpy as np

from .course import CourseError

__all__ = ["KNOWN_FILTERS", "MIN_SEPARATION", "ORDERS", "PuzzleError", "Puzzle", "apply_chain", "make_puzzle",
           "order_residuals", "parse_filter", "parse_order", "puzzle_images"]

#: The two known filters of the origin notebook: an asymmetric edge filter and a 1/16 box.
KNOWN_FILTERS: tuple[np.ndarray, np.ndarray] = (
    np.array([[-1.0, -0.5, 0.0], [-0.5, 0.5, 0.5], [0.0, 0.5, 1.0]]),
    np.full((3, 3), 1.0 / 16.0),
)
#: The six orders, as permutations of (0, 1, 2).
ORDERS: tuple[tuple[int, int, int], ...] = tuple(itertools.permutations(range(3)))  # type: ignore[assignment]
#: The second-best order's residual must be at least this many times the best's.
MIN_SEPARATION = 10.0
#: Photographs bundled with scikit-image that the puzzle crops.
PHOTOGRAPHS = ("camera", "coins", "astronaut", "coffee", "rocket", "moon", "page", "text")
SYNTHETIC = ("checkerboard", "ramp", "noise", "rings")


class PuzzleError(CourseError):
    """A puzzle that cannot be made as asked; the message says why and what to choose."""


@dataclass
class Puzzle:
    """What :func:`make_puzzle` wrote: the folder, the image files, the residual of each order."""

    folder: Path
    files: list[Path]
    residuals: dict[tuple[int, int, int], float]

    @property
    def separation(self) -> float:
        """Second-best residual over the best (how clearly the true order wins)."""
        best, second = sorted(self.residuals.values())[:2]
        return second / best if best > 0 else float("inf")


def parse_filter(text: str) -> np.ndarray:
    """``"a,b,c;d,e,f;g,h,i"`` (numbers or fractions such as ``1/8``) as a 3x3 float array."""
    rows = [row for row in text.replace(" ", "").split(";") if row]
    try:
        values = [[float(Fraction(v)) for v in row.split(",")] for row in rows]
    except (ValueError, ZeroDivisionError):
        raise PuzzleError(f"--unknown {text!r}: write nine numbers or fractions, rows separated by ';', "
                          "e.g. \"1,0,-1;2,0,-2;1,0,-1\" or \"1/16,1/8,1/16;...\"") from None
    if len(values) != 3 or any(len(row) != 3 for row in values):
        raise PuzzleError(f"--unknown {text!r}: a 3x3 filter needs three rows of three numbers, "
                          "rows separated by ';'")
    return np.array(values)


def parse_order(text: str | Sequence[int]) -> tuple[int, int, int]:
    """``"2,0,1"`` (or a sequence) as a permutation of (0, 1, 2)."""
    try:
        order = tuple(int(v) for v in (text.split(",") if isinstance(text, str) else text))
    except ValueError:
        order = ()
    if sorted(order) != [0, 1, 2]:
        raise PuzzleError(f"order {text!r} is not a permutation of 0,1,2 (filters are indexed "
                          "[known[0], known[1], unknown]; e.g. --order 1,2,0)")
    return order  # type: ignore[return-value]


def _correlate(x: np.ndarray, kernel: np.ndarray) -> np.ndarray:
    """3x3 cross-correlation of a 2-D array with zero padding 1 (same size out)."""
    padded = np.pad(x, 1)
    h, w = x.shape
    return sum(kernel[i, j] * padded[i:i + h, j:j + w] for i in range(3) for j in range(3))


def apply_chain(x: np.ndarray, filters: Sequence[np.ndarray], order: Sequence[int]) -> np.ndarray:
    """``filters[order[0]]``, then ``filters[order[1]]``, then ``filters[order[2]]`` applied to ``x``."""
    out = np.asarray(x, dtype=np.float64)
    for index in order:
        out = _correlate(out, np.asarray(filters[index], dtype=np.float64))
    return out


def order_residuals(images: Sequence[np.ndarray], outputs: Sequence[np.ndarray],
                    known: Sequence[np.ndarray]) -> dict[tuple[int, int, int], float]:
    """For each order, the sum of squared errors left by the least-squares unknown filter.

    The chain is linear in the unknown filter: column ``k`` of the design matrix is
    the chain's output with the unknown filter set to the k-th unit 3x3 kernel.
    """
    target = np.concatenate([np.ravel(y) for y in outputs])
    residuals = {}
    for order in ORDERS:
        columns = []
        for k in range(9):
            unit = np.zeros(9)
            unit[k] = 1.0
            filters = [known[0], known[1], unit.reshape(3, 3)]
            columns.append(np.concatenate([np.ravel(apply_chain(x, filters, order)) for x in images]))
        design = np.stack(columns, axis=1)
        solution, *_ = np.linalg.lstsq(design, target, rcond=None)
        residuals[order] = float(np.sum((design @ solution - target) ** 2))
    return residuals


def _synthetic(name: str, size: int, rng: np.random.Generator) -> np.ndarray:
    """A synthetic image in 0...255 whose border is not black (borders tell orders apart)."""
    y, x = np.mgrid[0:size, 0:size] / (size - 1)
    if name == "checkerboard":
        period = int(rng.integers(4, 9))
        image = ((np.arange(size)[:, None] // period + np.arange(size)[None, :] // period) % 2) * 200 + 30
    elif name == "ramp":
        angle = rng.uniform(0, 2 * np.pi)
        image = 128 + 110 * ((x - 0.5) * np.cos(angle) + (y - 0.5) * np.sin(angle)) * 1.4
    elif name == "noise":
        image = rng.uniform(0, 255, size=(size, size))
    else:  # rings
        cx, cy = rng.uniform(0.3, 0.7, size=2)
        image = 128 + 100 * np.cos(2 * np.pi * 6 * np.hypot(x - cx, y - cy))
    return np.clip(np.round(image), 0, 255).astype(np.uint8)


def puzzle_images(seed: int, size: int = 64) -> list[np.ndarray]:
    """Seeded uint8 images: a random square crop of each photograph, resized to ``size``,
    then the synthetic ones."""
    from skimage import transform

    from course_utils.images import load_image

    rng = np.random.default_rng(seed)
    images = []
    for name in PHOTOGRAPHS:
        photo = load_image(name)
        side = int(min(photo.shape) * rng.uniform(0.4, 0.8))
        top = int(rng.integers(0, photo.shape[0] - side + 1))
        left = int(rng.integers(0, photo.shape[1] - side + 1))
        crop = transform.resize(photo[top:top + side, left:left + side], (size, size), anti_aliasing=True)
        images.append(np.clip(np.round(crop * 255), 0, 255).astype(np.uint8))
    images += [_synthetic(name, size, rng) for name in SYNTHETIC]
    return images


def _refusal(residuals: dict[tuple[int, int, int], float], order: tuple[int, int, int], scale: float) -> str | None:
    """Why the secret makes no puzzle, or ``None`` when the true order wins clearly.

    Residuals below ``1e-12 * scale`` (``scale``: the outputs' sum of squares) are
    rounding: such an order fits exactly, and two exact fits cannot be told apart.
    """
    floor = 1e-12 * scale
    floored = {o: max(r, floor) for o, r in residuals.items()}
    best = floored[order]
    second, rival = min((r, o) for o, r in floored.items() if o != order)
    if second < MIN_SEPARATION * best:
        return (f"the order {order} cannot be told apart from {rival}: their best fits leave residuals "
                f"{residuals[order]:.3g} and {residuals[rival]:.3g} (the runner-up must leave at least "
                f"{MIN_SEPARATION:g} times the true order's). Two 3x3 filters that are both symmetric under "
                "both axis flips (box, Gaussian, Laplacian, sharpen) commute exactly, even with zero padding, "
                "and so does a filter with a multiple of the known edge filter; choose an unknown filter "
                "that is neither, e.g. a Sobel \"1,0,-1;2,0,-2;1,0,-1\", a Prewitt or a diagonal Sobel")
    return None


def make_puzzle(out: Path | str, seed: int, unknown: np.ndarray, order: Sequence[int], size: int = 64,
                force: bool = False) -> Puzzle:
    """Write a puzzle into ``out`` (a new or empty folder, or any with ``force``).

    Raises :class:`PuzzleError` before writing anything when the order could not be
    identified from the data (see the module docstring).
    """
    order = parse_order(order)
    unknown = np.asarray(unknown, dtype=np.float64)
    if unknown.shape != (3, 3):
        raise PuzzleError(f"the unknown filter must be 3x3, got shape {unknown.shape}")
    if not np.any(unknown):
        raise PuzzleError("the unknown filter is all zeros: every output would be 0")
    out = Path(out)
    if out.exists() and any(out.iterdir()) and not force:
        raise PuzzleError(f"{out} is not empty: give a new folder, or --force to overwrite its puzzle")
    filters = [KNOWN_FILTERS[0], KNOWN_FILTERS[1], unknown]
    images = puzzle_images(seed, size)
    outputs = [apply_chain(image.astype(np.float64), filters, order) for image in images]
    residuals = order_residuals([i.astype(np.float64) for i in images], outputs, KNOWN_FILTERS)
    scale = float(sum(np.sum(y ** 2) for y in outputs))
    reason = _refusal(residuals, order, scale)
    if reason:
        raise PuzzleError(f"no puzzle written: {reason}")
    import cv2

    out.mkdir(parents=True, exist_ok=True)
    for old in list(out.glob("[0-9][0-9].png")) + list(out.glob("[0-9][0-9].txt")):
        old.unlink()
    files = []
    for number, (image, output) in enumerate(zip(images, outputs)):
        png, txt = out / f"{number:02d}.png", out / f"{number:02d}.txt"
        if not cv2.imwrite(str(png), image):
            raise PuzzleError(f"could not write {png}")
        np.savetxt(txt, output, fmt="%.12g")
        files += [png, txt]
    algos = out / "algos.csv"
    np.savetxt(algos, np.vstack(KNOWN_FILTERS), fmt="%.10g", delimiter=",")
    files.append(algos)
    return Puzzle(out, files, residuals)


def read_config(path: Path | str) -> dict:
    """A JSON file ``{"seed": 0, "unknown": "1,0,-1;2,0,-2;1,0,-1", "order": "2,0,1", "size": 64}``."""
    path = Path(path)
    try:
        config = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PuzzleError(f"puzzle config {path} does not exist") from None
    except ValueError as exc:
        raise PuzzleError(f"puzzle config {path} is not valid JSON: {exc}") from None
    missing = {"seed", "unknown", "order"} - set(config)
    if missing:
        raise PuzzleError(f"puzzle config {path} lacks {', '.join(sorted(missing))} "
                          "(keys: seed, unknown, order, and optionally size)")
    return config
