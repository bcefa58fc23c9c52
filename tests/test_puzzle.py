"""Does ``python -m autograde make-puzzle`` write ps06's puzzle in the origin notebook's
layout, with outputs that are the filter chain of its images, and refuse a secret whose
order could not be identified?"""

from __future__ import annotations

import json

import cv2
import numpy as np
import pytest
import scipy.signal

from autograde.cli import main
from autograde.puzzle import (KNOWN_FILTERS, ORDERS, PuzzleError, apply_chain, make_puzzle, order_residuals,
                              parse_filter, parse_order)

SOBEL = "1,0,-1;2,0,-2;1,0,-1"
PREWITT = "1,1,1;0,0,0;-1,-1,-1"
DIAGONAL_SOBEL = "0,1,2;-1,0,1;-2,-1,0"
GAUSSIAN = "1/16,1/8,1/16;1/8,1/4,1/8;1/16,1/8,1/16"
BOX9 = "1/9,1/9,1/9;1/9,1/9,1/9;1/9,1/9,1/9"
LAPLACIAN = "0,1,0;1,-4,1;0,1,0"
EMBOSS = "2,1,0;1,0,-1;0,-1,-2"  # commutes with the known edge filter (which is 0.5*identity - 0.5*this)


def reference_chain(x: np.ndarray, filters, order) -> np.ndarray:
    """The chain by SciPy: cross-correlation with zero padding, the size kept."""
    for index in order:
        x = scipy.signal.correlate2d(x, filters[index], mode="same", boundary="fill", fillvalue=0)
    return x


@pytest.fixture(scope="module")
def puzzle(tmp_path_factory):
    folder = tmp_path_factory.mktemp("puzzle") / "p"
    return make_puzzle(folder, seed=0, unknown=parse_filter(SOBEL), order=(2, 0, 1))


def test_layout_is_the_origin_notebooks(puzzle):
    """NN.png and NN.txt for each image, algos.csv with the two known filters, nothing else?"""
    names = sorted(p.name for p in puzzle.folder.iterdir())
    numbers = sorted({n.split(".")[0] for n in names if n != "algos.csv"})
    assert len(numbers) >= 10 and numbers == [f"{i:02d}" for i in range(len(numbers))]
    assert names == sorted([f"{n}.png" for n in numbers] + [f"{n}.txt" for n in numbers] + ["algos.csv"])
    algos = np.loadtxt(puzzle.folder / "algos.csv", delimiter=",")
    np.testing.assert_array_equal(algos, np.vstack(KNOWN_FILTERS))


def test_outputs_are_the_chain_of_the_pngs_pixel_values(puzzle):
    """Is each NN.txt the secret chain applied to NN.png's 0...255 values (SciPy as the reference)?"""
    filters = [*KNOWN_FILTERS, parse_filter(SOBEL)]
    for png in sorted(puzzle.folder.glob("*.png")):
        image = cv2.imread(str(png), cv2.IMREAD_UNCHANGED)
        assert image.dtype == np.uint8 and image.shape == (64, 64), png.name
        assert image.std() > 5, f"{png.name} is nearly flat"
        output = np.loadtxt(png.with_suffix(".txt"))
        expected = reference_chain(image.astype(np.float64), filters, (2, 0, 1))
        np.testing.assert_allclose(output, expected, rtol=1e-10, atol=1e-8, err_msg=png.name)
        np.testing.assert_allclose(apply_chain(image, filters, (2, 0, 1)), expected, rtol=1e-12, atol=1e-9)


def test_the_true_order_wins_by_far(puzzle):
    """Does least squares fit the true order exactly and every other order clearly worse?"""
    best = min(puzzle.residuals, key=puzzle.residuals.get)
    assert best == (2, 0, 1) and set(puzzle.residuals) == set(ORDERS)
    assert puzzle.separation >= 1e6


def test_the_secret_is_in_no_file(puzzle):
    """Does no file of the puzzle hold the unknown filter or the order (only the known ones)?"""
    for path in puzzle.folder.iterdir():
        if path.suffix == ".csv":
            assert np.loadtxt(path, delimiter=",").shape == (6, 3)
    text = "".join(p.read_text() for p in puzzle.folder.glob("*.csv"))
    assert "-2" not in text and "2,0,1" not in text


@pytest.mark.parametrize("unknown, order", [(SOBEL, o) for o in ORDERS] + [(PREWITT, (0, 2, 1)),
                                                                            (DIAGONAL_SOBEL, (1, 2, 0))])
def test_identifiable_secrets_are_accepted(tmp_path, unknown, order):
    """Do a Sobel (any order), a Prewitt and a diagonal Sobel make puzzles whose order is clear?"""
    made = make_puzzle(tmp_path / "p", seed=1, unknown=parse_filter(unknown), order=order, size=32)
    assert min(made.residuals, key=made.residuals.get) == order and made.separation >= 10


@pytest.mark.parametrize("unknown, order", [(GAUSSIAN, (1, 2, 0)), (BOX9, (0, 1, 2)), (LAPLACIAN, (2, 1, 0)),
                                            (EMBOSS, (0, 2, 1))])
def test_unidentifiable_secrets_are_refused_with_the_reason(tmp_path, unknown, order):
    """Are doubly symmetric filters (they commute with the box) and an emboss (it commutes with the
    edge filter) refused, saying which orders tie and what to choose, with nothing written?"""
    with pytest.raises(PuzzleError, match="cannot be told apart from") as caught:
        make_puzzle(tmp_path / "p", seed=0, unknown=parse_filter(unknown), order=order, size=32)
    assert "Sobel" in str(caught.value)
    assert not (tmp_path / "p").exists()


def test_order_residuals_find_the_order_from_the_files(puzzle):
    """Read back as a student would (PNG values, text outputs), does the true order still win?"""
    pngs = sorted(puzzle.folder.glob("*.png"))[:4]
    images = [cv2.imread(str(p), cv2.IMREAD_UNCHANGED).astype(np.float64) for p in pngs]
    outputs = [np.loadtxt(p.with_suffix(".txt")) for p in pngs]
    residuals = order_residuals(images, outputs, KNOWN_FILTERS)
    ranked = sorted(residuals, key=residuals.get)
    assert ranked[0] == (2, 0, 1) and residuals[ranked[1]] > 1e6 * max(residuals[ranked[0]], 1e-9)


def test_parsing_filters_and_orders():
    """Fractions and numbers are read; malformed filters and non-permutations are refused with the fix?"""
    np.testing.assert_array_equal(parse_filter("1/16, 1/8, 1/16; 1/8,1/4,1/8; 1/16,1/8,1/16"),
                                  np.array([[1, 2, 1], [2, 4, 2], [1, 2, 1]]) / 16)
    with pytest.raises(PuzzleError, match="three rows of three numbers"):
        parse_filter("1,2,3;4,5,6")
    with pytest.raises(PuzzleError, match="numbers or fractions"):
        parse_filter("1,a,3;4,5,6;7,8,9")
    assert parse_order("2,0,1") == (2, 0, 1) and parse_order([1, 0, 2]) == (1, 0, 2)
    with pytest.raises(PuzzleError, match="not a permutation"):
        parse_order("0,0,1")


def test_command_line(tmp_path, capsys):
    """make-puzzle from arguments and from a JSON config; a non-empty folder and missing
    arguments give an error (exit 2) that says what to do."""
    out = tmp_path / "p"
    assert main(["make-puzzle", "--out", str(out), "--seed", "0", "--unknown", PREWITT, "--order", "0,2,1",
                 "--size", "32"]) == 0
    printed = capsys.readouterr().out
    assert "wrote 12 images, 12 outputs and algos.csv" in printed and "0,2,1" in printed.splitlines()[2]
    assert main(["make-puzzle", "--out", str(out), "--seed", "0", "--unknown", PREWITT, "--order", "0,2,1"]) == 2
    assert "is not empty" in capsys.readouterr().err
    config = tmp_path / "puzzle.json"
    config.write_text(json.dumps({"seed": 3, "unknown": DIAGONAL_SOBEL, "order": [2, 1, 0], "size": 32}))
    assert main(["make-puzzle", "--out", str(out), "--config", str(config), "--force"]) == 0
    assert cv2.imread(str(out / "00.png"), cv2.IMREAD_UNCHANGED).shape == (32, 32)
    assert main(["make-puzzle", "--out", str(tmp_path / "q"), "--seed", "0"]) == 2
    assert "make-puzzle needs --unknown, --order" in capsys.readouterr().err
    assert main(["make-puzzle", "--out", str(tmp_path / "q"), "--config", str(tmp_path / "none.json")]) == 2
    assert "does not exist" in capsys.readouterr().err
