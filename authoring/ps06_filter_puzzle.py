# %% [markdown]
# # Problem set 6: The filter puzzle
#
# Someone took twelve grayscale pictures and ran each of them through the same chain
# of three $3 \times 3$ filters. You get the pictures, the filtered results and two of
# the three filters. The third filter is secret, and so is the order in which the three
# were applied. Your job is to find both, the way an engineer takes apart an unknown
# image pipeline: read the data without falling into its traps, rebuild the chain, fit
# the unknown filter (by gradient descent, the way a network would learn it, and
# exactly, because the problem turns out to be linear), find the order, and recognise
# the filter. Along the way you will see why gradient descent struggles here, and when
# the order can be told apart at all.
#
# The puzzle comes from an earlier course whose published solution (the *seed* of this
# problem set) stumbled twice: it first computed on the wrong pixel scale, and its final
# answer could not have been checked, because with its filters two of the six orders
# give exactly the same outputs. Both stumbles are lessons below.
#
# | Part | You write | Points |
# |---|---|---|
# | A | `load_puzzle`: read the files, on the right scale | 12 |
# | B | `apply_chain`: the chain of three filters, in NumPy and in torch | 16 |
# | C | `fit_unknown_filter`: the unknown filter by least squares and by gradient descent | 16 + 10 |
# | D | `find_order`: the order whose best fit leaves the least error | 14 |
# | E | `snap_to_fractions`: from floats to the simple fractions behind them | 10 |
# | F | `ORDER` and `UNKNOWN_FILTER`: your answer to the puzzle | 8 |
# | G | written answer: when can the order be told apart? | 14 |
#
# **How this notebook is graded.** Each exercise has an answer cell (replace the
# `raise NotImplementedError` line) followed by locked test cells. Run a test cell:
# the visible checks in it give you instant feedback. When grading, hidden tests are
# added to the same cells and check more cases, so make your functions correct in
# general, not only for the puzzle. The written answer is read by a person.
#
# Keep your functions silent: the grader scores a test cell 0 when anything in it
# writes to stderr (a warning, a progress bar), even if every check passes.
#
# Run the notebook from top to bottom (*Kernel → Restart Kernel and Run All Cells*)
# before you submit: a grader runs it the same way. It takes well under a minute on a
# laptop's CPU.

# %%
import itertools
import time
from fractions import Fraction
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import scipy.signal
import torch
import torch.nn.functional as F
from PIL import Image

from course_utils import check_close, check_dtype, check_shape, check_type, show_images

torch.set_num_threads(1)  # every tensor here is small: one thread is fastest, and fair to a shared machine
ORDERS = list(itertools.permutations(range(3)))  # the six orders, each a permutation of (0, 1, 2)
%matplotlib inline

# %% [markdown]
# ## The puzzle folder
#
# The folder `puzzle/` next to this notebook holds
#
# * `00.png` … `11.png`: 8-bit grayscale images, $64 \times 64$ pixels: crops of
#   photographs that scikit-image ships (a cameraman, coins, an astronaut, a coffee cup,
#   ...) and four synthetic patterns;
# * `00.txt` … `11.txt`: for each image, the output of the filter chain, a
#   $64 \times 64$ grid of numbers written by `np.savetxt` (one row of the image per
#   line, separated by spaces);
# * `algos.csv`: the two known filters, six rows of three comma-separated numbers: the
#   first three rows are one filter, the last three the other.
#
# The two known filters are an "edge" filter, symmetric under neither axis flip, and a
# $3 \times 3$ box that averages with weight $1/16$ (not $1/9$: it also darkens):
#
# $$K_0 = \begin{bmatrix} -1 & -0.5 & 0 \\ -0.5 & 0.5 & 0.5 \\ 0 & 0.5 & 1 \end{bmatrix},
# \qquad
# K_1 = \frac{1}{16}\begin{bmatrix} 1 & 1 & 1 \\ 1 & 1 & 1 \\ 1 & 1 & 1 \end{bmatrix}.$$

# %%
PUZZLE = Path("puzzle")
print("files:", " ".join(sorted(p.name for p in PUZZLE.iterdir())))
print("algos.csv:")
print((PUZZLE / "algos.csv").read_text())

# %% [markdown]
# ## Part A: `load_puzzle` (12 points)
#
# **The scale trap.** A PNG stores each pixel as a byte, an integer from 0 to 255, and
# image readers disagree on what to hand you: `PIL.Image.open` and
# `cv2.imread(path, cv2.IMREAD_UNCHANGED)` give the bytes themselves (`uint8`), while
# `matplotlib.pyplot.imread` divides them by 255 and gives `float32` values in
# $[0, 1]$. The outputs in the text files were computed from the bytes, on the scale
# 0…255. The chain is linear, so images on the wrong scale change everything by one
# factor: fitted on images in $[0, 1]$, the unknown filter comes out 255 times too
# large. (The seed multiplied by 255 in its code while its text blamed a factor of
# 256. It is 255: a byte $b$ becomes $b/255$, so that 255 maps to exactly 1.)
#
# Write `load_puzzle(path)` returning `(images, outputs, known)`:
#
# * `path` is the folder, a `str` or a `pathlib.Path`.
# * The images are the files named by a number, `NN.png`, each with its output `NN.txt`
#   beside it. The puzzle numbers them `00` to `11`, but your function must work for
#   any numbers, with or without leading zeros, in **numeric order** (9 before 10).
#   Any other file in the folder (a `README.txt`, notes) is not part of the data:
#   ignore it.
# * `images`: a list of `float64` arrays of shape `(H, W)`, the pixel values on the
#   0…255 scale of the outputs (the bytes, give or take float rounding below
#   $10^{-3}$).
# * `outputs`: a list of `float64` arrays of shape `(H, W)`; `outputs[i]` is read from
#   the text file with the number of `images[i]`.
# * `known`: a list of the two known filters as `float64` $3 \times 3$ arrays: rows 1–3
#   of `algos.csv`, then rows 4–6, each row of the file a row of the filter. The file
#   has no header line.
#
# **Worked example.** A pixel stored as the byte 51 is $51/255 = 0.2$ to `plt.imread`;
# `images[i]` must hold 51.0 there. If `algos.csv` read
# `1,2,3` / `4,5,6` / `7,8,9` / `0,0,1` / `0,1,0` / `1,0,0` (one row per line), then
# `known[0]` would be `[[1, 2, 3], [4, 5, 6], [7, 8, 9]]` and `known[1]` the
# anti-diagonal `[[0, 0, 1], [0, 1, 0], [1, 0, 0]]`.

# %% answer id=load_puzzle
def load_puzzle(path: str | Path) -> tuple[list[np.ndarray], list[np.ndarray], list[np.ndarray]]:
    """Read a puzzle folder: NN.png images, NN.txt outputs, algos.csv with the two known filters.

    Returns (images, outputs, known): images and outputs are lists of float64 (H, W) arrays in
    numeric file order, the images on the outputs' 0...255 scale; known is a list of the two
    known filters, float64 (3, 3) arrays in file order.
    """
    ### BEGIN SOLUTION
    folder = Path(path)
    numbered = sorted((int(png.stem), png) for png in folder.glob("*.png") if png.stem.isdigit())
    images, outputs = [], []
    for _, png in numbered:
        with Image.open(png) as picture:
            images.append(np.asarray(picture, dtype=np.float64))
        outputs.append(np.loadtxt(png.with_suffix(".txt"), dtype=np.float64, ndmin=2))
    algos = np.loadtxt(folder / "algos.csv", delimiter=",", dtype=np.float64)
    return images, outputs, [algos[0:3].copy(), algos[3:6].copy()]
    ### END SOLUTION

# %% test id=load_puzzle_files points=6
"""load_puzzle: every image with its own output, in numeric order; the known filters in file order"""
from course_utils import check_plain
import tempfile
from pathlib import Path

import cv2
import numpy as np
from course_utils import check_close, check_dtype, check_shape, check_type


def check_pixels_up_to_scale(got, expected, what):
    """got equals the bytes `expected` times some positive factor (the scale is tested elsewhere)."""
    got = np.asarray(got, dtype=np.float64)
    check_plain(got)
    check_shape(got, expected.shape, what=what)
    factor = float(np.sum(got * expected)) / max(float(np.sum(got * got)), 1e-300)
    assert factor > 0 and np.allclose(factor * got, expected, atol=1e-3 * max(1.0, expected.max())), (
        f"{what}: these are not the pixels of that file (not even up to a scale factor): "
        f"got values from {got.min():.4g} to {got.max():.4g}, expected the file's bytes from "
        f"{expected.min()} to {expected.max()}")


loaded_images, loaded_outputs, loaded_known = load_puzzle("puzzle")
for name, value in [("images", loaded_images), ("outputs", loaded_outputs), ("known", loaded_known)]:
    check_type(value, (list, tuple), what=f"load_puzzle('puzzle'): {name}")
assert len(loaded_images) == len(loaded_outputs) == 12, (
    f"load_puzzle('puzzle'): got {len(loaded_images)} images and {len(loaded_outputs)} outputs, expected 12 and 12")
assert len(loaded_known) == 2, f"load_puzzle('puzzle'): got {len(loaded_known)} known filters, expected 2"
for i in (0, 5, 11):
    what = f"load_puzzle('puzzle'): outputs[{i}]"
    check_dtype(loaded_outputs[i], "floating", what=what)
    check_close(loaded_outputs[i], np.loadtxt(f"puzzle/{i:02d}.txt"), what=f"{what} (from {i:02d}.txt)", atol=1e-9)
    check_pixels_up_to_scale(loaded_images[i], cv2.imread(f"puzzle/{i:02d}.png", cv2.IMREAD_UNCHANGED),
                             what=f"load_puzzle('puzzle'): images[{i}] (from {i:02d}.png)")
EDGE = np.array([[-1, -0.5, 0], [-0.5, 0.5, 0.5], [0, 0.5, 1]])
check_close(loaded_known[0], EDGE, what="load_puzzle('puzzle'): known[0] (rows 1-3 of algos.csv)")
check_close(loaded_known[1], np.full((3, 3), 1 / 16), what="load_puzzle('puzzle'): known[1] (rows 4-6 of algos.csv)")
### BEGIN HIDDEN TESTS
def write_puzzle(folder, names, pictures, results, algos, extra=()):
    """A puzzle folder in the layout of the real one, with the given file names."""
    for name, picture, result in zip(names, pictures, results):
        cv2.imwrite(str(folder / f"{name}.png"), picture)
        np.savetxt(folder / f"{name}.txt", result, fmt="%.12g")
    np.savetxt(folder / "algos.csv", algos, fmt="%.10g", delimiter=",")
    for filename, text in extra:
        if filename.endswith(".png"):  # a picture that is not part of the data
            cv2.imwrite(str(folder / filename), np.full((4, 4), 99, dtype=np.uint8))
        else:
            (folder / filename).write_text(text)


rng = np.random.default_rng(6)
ALGOS = rng.integers(-8, 9, size=(6, 3)) / 4  # two filters that are symmetric under no flip or transpose
cases = [  # file names (in the order they are written), image shape, other files in the folder
    ([str(n) for n in range(11)], (5, 7), [("README.txt", "Twelve images and their filtered outputs.\n"),
                                           ("notes.md", "# notes\n"), ("preview.png", None)]),
    (["0", "1"], (1, 8), []),  # pictures one pixel high: still (H, W) arrays
    ([f"{n:02d}" for n in (3, 0, 12, 7, 1)], (9, 6), [("README.txt", "see algos.csv\n")]),
    (["8", "10", "9"], (6, 6), []),
]
for names, shape, extra in cases:
    pictures = [rng.integers(0, 256, size=shape, dtype=np.uint8) for _ in names]
    results = [rng.normal(scale=50, size=shape).round(3) for _ in names]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "puzzle"
        folder.mkdir()
        write_puzzle(folder, names, pictures, results, ALGOS, extra)
        got_images, got_outputs, got_known = load_puzzle(folder)
    numeric = sorted(range(len(names)), key=lambda k: int(names[k]))
    listing = ", ".join(f"{names[k]}.png" for k in numeric)
    what = f"load_puzzle(a folder with {listing}{''.join(', ' + f for f, _ in extra)})"
    assert len(got_images) == len(got_outputs) == len(names), (
        f"{what}: got {len(got_images)} images and {len(got_outputs)} outputs, expected {len(names)} of each "
        "(only the files named by a number are data)")
    for position, k in enumerate(numeric):
        assert np.shape(got_outputs[position]) == np.shape(got_images[position]) == shape, (
            f"{what}: images[{position}] and outputs[{position}] have shapes {np.shape(got_images[position])} and "
            f"{np.shape(got_outputs[position])}, expected {shape} both (np.loadtxt(..., ndmin=2) keeps one row 2-D)")
        check_close(got_outputs[position], results[k], atol=1e-9,
                    what=f"{what}: outputs[{position}] should come from {names[k]}.txt (numeric order)")
        check_pixels_up_to_scale(got_images[position], pictures[k],
                                 what=f"{what}: images[{position}] should come from {names[k]}.png (numeric order)")
        check_dtype(got_outputs[position], "floating", what=f"{what}: outputs[{position}]")
    assert len(got_known) == 2, f"{what}: got {len(got_known)} known filters, expected 2"
    check_close(got_known[0], ALGOS[:3], what=f"{what}: known[0] = rows 1-3 of algos.csv, as written")
    check_close(got_known[1], ALGOS[3:], what=f"{what}: known[1] = rows 4-6 of algos.csv, as written")
    for j in range(2):
        check_dtype(got_known[j], "floating", what=f"{what}: known[{j}]")
### END HIDDEN TESTS

# %% test id=load_puzzle_scale points=6
"""load_puzzle: the images are float64 on the outputs' scale, 0...255, as stored in the PNG files"""
import tempfile
from pathlib import Path

import cv2
import numpy as np
from course_utils import check_close, check_dtype, check_shape

loaded_images, loaded_outputs, loaded_known = load_puzzle("puzzle")
stored = cv2.imread("puzzle/00.png", cv2.IMREAD_UNCHANGED)
assert np.max(loaded_images[0]) > 1, (
    f"load_puzzle('puzzle'): images[0] holds values from {np.min(loaded_images[0]):.3g} to "
    f"{np.max(loaded_images[0]):.3g}, expected the 0...255 scale of the outputs, {stored.min()} to {stored.max()} "
    "for 00.png")
check_dtype(loaded_images[0], "floating", what="load_puzzle('puzzle'): images[0]")
assert np.asarray(loaded_images[0]).dtype == np.float64, (
    f"load_puzzle('puzzle'): images[0] has dtype {np.asarray(loaded_images[0]).dtype}, expected float64")
check_close(loaded_images[0], stored, what="load_puzzle('puzzle'): images[0], the bytes of 00.png", atol=1e-3, rtol=0)
### BEGIN HIDDEN TESTS
for i in range(12):
    stored = cv2.imread(f"puzzle/{i:02d}.png", cv2.IMREAD_UNCHANGED)
    what = f"load_puzzle('puzzle'): images[{i}], the bytes of {i:02d}.png"
    dtype = np.asarray(loaded_images[i]).dtype
    assert dtype == np.float64, f"{what}: got dtype {dtype}, expected float64"
    check_close(loaded_images[i], stored, what=what, atol=1e-3, rtol=0)
    dtype = np.asarray(loaded_outputs[i]).dtype
    assert dtype == np.float64, f"load_puzzle('puzzle'): outputs[{i}]: got dtype {dtype}, expected float64"
for j in range(2):
    dtype = np.asarray(loaded_known[j]).dtype
    assert dtype == np.float64, f"load_puzzle('puzzle'): known[{j}]: got dtype {dtype}, expected float64"

# Pictures that do not span 0...255 (a stretch to the full range is not the file), a flat one,
# a black one and one with bright pixels (where dividing by 256 instead of 255 is off by almost 1).
rng = np.random.default_rng(7)
pictures = [rng.integers(20, 201, size=(6, 8), dtype=np.uint8), np.full((6, 8), 128, dtype=np.uint8),
            np.zeros((6, 8), dtype=np.uint8), rng.integers(200, 256, size=(6, 8), dtype=np.uint8),
            rng.integers(0, 2, size=(6, 8), dtype=np.uint8)]  # a dark mask of 0s and 1s: still the bytes
with tempfile.TemporaryDirectory() as tmp:
    folder = Path(tmp)
    for n, picture in enumerate(pictures):
        cv2.imwrite(str(folder / f"{n:02d}.png"), picture)
        np.savetxt(folder / f"{n:02d}.txt", rng.normal(size=(6, 8)))
    np.savetxt(folder / "algos.csv", rng.normal(size=(6, 3)), delimiter=",")
    got_images, _, _ = load_puzzle(str(folder))
assert len(got_images) == len(pictures), f"load_puzzle(a folder of 5 images): got {len(got_images)} images"
for n, (got, picture) in enumerate(zip(got_images, pictures)):
    what = (f"load_puzzle(a folder of 5 images): images[{n}], bytes from {picture.min()} to {picture.max()}")
    assert np.asarray(got).dtype == np.float64, f"{what}: got dtype {np.asarray(got).dtype}, expected float64"
    check_close(got, picture, what=what, atol=1e-3, rtol=0)
### END HIDDEN TESTS

# %% [markdown]
# The puzzle, loaded. Each output is signed (the edge filter has negative weights), so it
# is shown with its own colour scale.

# %%
images, outputs, known = load_puzzle(PUZZLE)
print(f"{len(images)} images of shape {images[0].shape}, pixel values {min(x.min() for x in images):.0f} to "
      f"{max(x.max() for x in images):.0f}; outputs from {min(y.min() for y in outputs):.1f} to "
      f"{max(y.max() for y in outputs):.1f}")
shown = [0, 1, 8, 11]
show_images([images[i] for i in shown] + [outputs[i] for i in shown],
            [f"{i:02d}.png" for i in shown] + [f"{i:02d}.txt (output)" for i in shown],
            ncols=4, colorbar=True, suptitle="Four puzzle images (top) and the outputs of the secret chain (bottom)");

# %% [markdown]
# ## Part B: `apply_chain` (16 points)
#
# Each filter of the chain is a $3 \times 3$ **cross-correlation with zero padding 1**,
# what `torch.nn.functional.conv2d(x, k, padding=1)` computes (the kernel is not
# flipped):
#
# $$Y[i, j] = \sum_{a=-1}^{1} \sum_{b=-1}^{1} K[a+1,\ b+1]\; X[i+a,\ j+b],
# \qquad X = 0 \text{ outside the image},$$
#
# so `Y` has the size of `X`. The chain applies three filters one after the other,
# each to the result of the previous one. The filters are indexed
# `[known[0], known[1], unknown]`, and an **order** is a permutation of `(0, 1, 2)`:
# `apply_chain(x, filters, order)` applies `filters[order[0]]` first, then
# `filters[order[1]]`, then `filters[order[2]]`.
#
# **Worked example.** Take the $2 \times 2$ image `X = [[1, 2], [3, 4]]` and three
# filters: `R = [[0, 0, 0], [0, 0, 1], [0, 0, 0]]` takes each pixel's right neighbour
# ($Y[i, j] = X[i, j+1]$), `L = [[0, 0, 0], [1, 0, 0], [0, 0, 0]]` its left neighbour,
# and `D = [[0, 0, 0], [0, 2, 0], [0, 0, 0]]` doubles. `R` turns `X` into
# `[[2, 0], [4, 0]]`: the right neighbour of the last column is padding. With
# `filters = [R, L, D]`:
#
# * `order = (0, 1, 2)`: `R` gives `[[2, 0], [4, 0]]`, then `L` gives `[[0, 2], [0, 4]]`,
#   then `D` gives `[[0, 4], [0, 8]]`;
# * `order = (1, 0, 2)`: `L` gives `[[0, 1], [0, 3]]`, then `R` gives `[[1, 0], [3, 0]]`,
#   then `D` gives `[[2, 0], [6, 0]]`.
#
# On an endless image, a step right and a step left cancel in either order; here the
# zero padding at the border makes the order matter. Keep this in mind for Part G.
#
# Write `apply_chain(x, filters, order)`:
#
# * `x` is one image `(H, W)` or a batch `(N, H, W)` (each image filtered on its own), a
#   NumPy array or a torch tensor. The result has the shape and the kind of `x`: NumPy in,
#   NumPy `float64` out (for integer images such as `uint8` too, with no wrap-around);
#   torch in, torch out, with the dtype and device of `x` (a floating tensor).
# * `filters` holds three $3 \times 3$ filters as NumPy arrays (or nested lists); with a
#   torch `x` they may also be tensors, and then the result must be differentiable with
#   respect to `x` and to every filter tensor (Part C's gradient descent relies on it).
# * `order` is a tuple or a list. Leave all inputs unchanged.
#
# Library functions are welcome: `F.conv2d` computes exactly one step, and so does
# `scipy.signal.correlate2d(x, k, mode="same")`. Check what any other does at the
# border: it must pad with zeros, and several functions pad by reflecting the image
# unless told otherwise.

# %% answer id=apply_chain
def apply_chain(x, filters, order):
    """filters[order[0]], then filters[order[1]], then filters[order[2]] applied to x.

    Each step is a 3x3 cross-correlation with zero padding 1. x is (H, W) or (N, H, W), a NumPy
    array (result: float64 NumPy array) or a torch tensor (result: a tensor of x's dtype and
    device, differentiable); the result has the shape of x.
    """
    ### BEGIN SOLUTION
    if isinstance(x, torch.Tensor):
        out = x.reshape(-1, 1, *x.shape[-2:])
        for index in order:
            kernel = torch.as_tensor(filters[index], dtype=x.dtype, device=x.device)
            out = F.conv2d(out, kernel.reshape(1, 1, 3, 3), padding=1)
        return out.reshape(x.shape)
    out = np.asarray(x, dtype=np.float64)
    height, width = out.shape[-2:]
    for index in order:
        kernel = np.asarray(filters[index], dtype=np.float64)
        padded = np.pad(out, [(0, 0)] * (out.ndim - 2) + [(1, 1), (1, 1)])
        out = sum(kernel[a, b] * padded[..., a:a + height, b:b + width] for a in range(3) for b in range(3))
    return out
    ### END SOLUTION

# %% test id=apply_chain_numpy points=9
"""apply_chain on NumPy arrays: the worked example, every order, batches, integer images, compared with SciPy"""
from course_utils import check_plain
import itertools

import numpy as np
import scipy.signal
from course_utils import check_close, check_dtype, check_shape, check_type


def reference_chain(x, filters, order):
    """The chain by SciPy: same-size cross-correlation with zero fill, one image at a time."""
    x = np.asarray(x, dtype=np.float64)
    if x.ndim == 3:
        return np.stack([reference_chain(image, filters, order) for image in x])
    for index in order:
        x = scipy.signal.correlate2d(x, np.asarray(filters[index], dtype=np.float64), mode="same", boundary="fill")
    return x


R = np.array([[0, 0, 0], [0, 0, 1], [0, 0, 0]])
L = np.array([[0, 0, 0], [1, 0, 0], [0, 0, 0]])
D = np.array([[0, 0, 0], [0, 2, 0], [0, 0, 0]])
X = np.array([[1.0, 2.0], [3.0, 4.0]])
check_close(apply_chain(X, [R, L, D], (0, 1, 2)), [[0, 4], [0, 8]], what="apply_chain(worked example, order (0, 1, 2))")
check_close(apply_chain(X, [R, L, D], (1, 0, 2)), [[2, 0], [6, 0]], what="apply_chain(worked example, order (1, 0, 2))")

rng = np.random.default_rng(0)
x = rng.uniform(0, 255, size=(6, 5))
filters = [rng.normal(size=(3, 3)) for _ in range(3)]
got = apply_chain(x, filters, (2, 1, 0))
check_plain(got)
what = "apply_chain(x (6, 5), random filters, order (2, 1, 0))"
check_type(got, np.ndarray, what=what)
check_shape(got, (6, 5), what=what)
check_close(got, reference_chain(x, filters, (2, 1, 0)), what=what, atol=1e-8, rtol=1e-10)
### BEGIN HIDDEN TESTS
rng = np.random.default_rng(1)
filters = [rng.normal(size=(3, 3)) for _ in range(3)]
for order in itertools.permutations(range(3)):
    x = rng.uniform(0, 255, size=(7, 9))
    what = f"apply_chain(x (7, 9), random filters, order {order})"
    got = apply_chain(x, filters, order)
    check_plain(got)
    check_shape(got, (7, 9), what=what)
    check_close(got, reference_chain(x, filters, order), what=what, atol=1e-8, rtol=1e-10)
# The order as a list; thin images.
for shape in [(1, 6), (5, 1), (2, 2)]:
    x = rng.uniform(0, 255, size=shape)
    what = f"apply_chain(x {shape}, random filters, order [1, 2, 0])"
    check_close(apply_chain(x, filters, [1, 2, 0]), reference_chain(x, filters, (1, 2, 0)), what=what, atol=1e-8,
                rtol=1e-10)
# A batch (N, H, W): each image on its own, no pixel leaking from one image into the next.
x = rng.uniform(0, 255, size=(3, 6, 5))
what = "apply_chain(batch x (3, 6, 5), random filters, order (2, 0, 1))"
got = apply_chain(x, filters, (2, 0, 1))
check_plain(got)
check_type(got, np.ndarray, what=what)
check_shape(got, (3, 6, 5), what=what)
check_close(got, reference_chain(x, filters, (2, 0, 1)), what=what, atol=1e-8, rtol=1e-10)
# An 8-bit image: float64 out, no wrap-around; filters given as nested lists.
x = rng.integers(0, 256, size=(8, 6), dtype=np.uint8)
lists = [f.round(2).tolist() for f in filters]
what = "apply_chain(uint8 x (8, 6), filters as nested lists, order (1, 0, 2))"
got = apply_chain(x, lists, (1, 0, 2))
check_plain(got)
check_type(got, np.ndarray, what=what)
assert got.dtype == np.float64, f"{what}: got dtype {got.dtype}, expected float64"
check_close(got, reference_chain(x, lists, (1, 0, 2)), what=what, atol=1e-6, rtol=1e-6)
# float32 in, float64 out; a uint8 image with integer filters: float64, no integer arithmetic.
x32 = rng.uniform(0, 255, size=(6, 7)).astype(np.float32)
what = "apply_chain(float32 x (6, 7), random filters, order (2, 0, 1))"
got = apply_chain(x32, filters, (2, 0, 1))
check_plain(got)
assert np.asarray(got).dtype == np.float64, f"{what}: got dtype {np.asarray(got).dtype}, expected float64"
check_close(got, reference_chain(x32, filters, (2, 0, 1)), what=what, atol=1e-8, rtol=1e-10)
x8 = rng.integers(0, 256, size=(5, 6), dtype=np.uint8)
integer_filters = [np.array([[1, 2, 1], [0, 0, 0], [-1, -2, -1]]), np.array([[0, 1, 0], [1, -4, 1], [0, 1, 0]]),
                   np.array([[2, 0, 0], [0, 0, 0], [0, 0, 3]])]
what = "apply_chain(uint8 x (5, 6), integer filters, order (0, 2, 1))"
got = apply_chain(x8, integer_filters, (0, 2, 1))
check_plain(got)
assert np.asarray(got).dtype == np.float64, f"{what}: got dtype {np.asarray(got).dtype}, expected float64"
check_close(got, reference_chain(x8, integer_filters, (0, 2, 1)), what=what, atol=1e-8)
# float64 precision: values of a few thousand must not be rounded through float32.
x = rng.uniform(0, 255, size=(10, 10))
big = [3 * f for f in filters]
check_close(apply_chain(x, big, (0, 1, 2)), reference_chain(x, big, (0, 1, 2)), atol=1e-8, rtol=1e-11,
            what="apply_chain(x (10, 10), filters with weights up to 10, order (0, 1, 2)) in float64")
# The inputs are left as they were.
x = rng.uniform(0, 255, size=(5, 6))
x0, filters0, entries = x.copy(), [f.copy() for f in filters], list(filters)
apply_chain(x, filters, (2, 1, 0))
nested = [f.tolist() for f in filters]
nested_entries = list(nested)
apply_chain(x, nested, (0, 2, 1))
for given, kept in ((filters, entries), (nested, nested_entries)):
    assert len(given) == 3 and all(a is b for a, b in zip(given, kept)), \
        "apply_chain(x, filters, order) replaced entries of the caller's list filters (convert copies, not the list)"
check_close(x, x0, what="x after apply_chain(x, filters, order) (the input must not change)", atol=0)
for k in range(3):
    check_close(filters[k], filters0[k], what=f"filters[{k}] after apply_chain (the input must not change)", atol=0)
### END HIDDEN TESTS

# %% test id=apply_chain_torch points=7
"""apply_chain on torch tensors: a tensor of the same dtype comes back, batches work, gradients flow"""
from course_utils import check_plain
import itertools

import numpy as np
import torch
import torch.nn.functional as F
from course_utils import check_close, check_shape, check_type


def torch_chain(x, filters, order):
    """The chain by F.conv2d, image by image, for a float64 tensor x (H, W) or (N, H, W)."""
    out = x.reshape(-1, 1, *x.shape[-2:])
    for index in order:
        out = F.conv2d(out, torch.as_tensor(filters[index], dtype=x.dtype).reshape(1, 1, 3, 3), padding=1)
    return out.reshape(x.shape)


g = torch.Generator().manual_seed(0)
x = torch.rand(6, 5, generator=g, dtype=torch.float64) * 255
filters = [torch.randn(3, 3, generator=g, dtype=torch.float64).numpy() for _ in range(3)]
what = "apply_chain(torch x (6, 5) float64, NumPy filters, order (2, 1, 0))"
got = apply_chain(x, filters, (2, 1, 0))
check_plain(got)
check_type(got, torch.Tensor, what=what)
check_shape(got, (6, 5), what=what)
assert got.dtype == torch.float64, f"{what}: got dtype {got.dtype}, expected torch.float64 (the dtype of x)"
check_close(got, torch_chain(x, filters, (2, 1, 0)), what=what, atol=1e-8, rtol=1e-10)
### BEGIN HIDDEN TESTS
g = torch.Generator().manual_seed(1)
filters = [torch.randn(3, 3, generator=g, dtype=torch.float64) for _ in range(3)]
for order in itertools.permutations(range(3)):
    x = torch.rand(2, 7, 6, generator=g, dtype=torch.float64)
    what = f"apply_chain(torch batch x (2, 7, 6), tensor filters, order {order})"
    got = apply_chain(x, filters, order)
    check_plain(got)
    check_type(got, torch.Tensor, what=what)
    check_shape(got, (2, 7, 6), what=what)
    check_close(got, torch_chain(x, filters, order), what=what, atol=1e-10, rtol=1e-10)
# float32 in, float32 out.
x = torch.rand(8, 7, generator=g)
what = "apply_chain(torch x (8, 7) float32, NumPy filters, order (1, 2, 0))"
got = apply_chain(x, [f.numpy() for f in filters], (1, 2, 0))
check_plain(got)
check_type(got, torch.Tensor, what=what)
assert got.dtype == torch.float32, f"{what}: got dtype {got.dtype}, expected torch.float32 (the dtype of x)"
check_close(got, torch_chain(x.double(), filters, (1, 2, 0)), what=what, atol=1e-4, rtol=1e-4)
# Gradients with respect to the image and to a filter given as a tensor (the others as NumPy arrays).
for order in [(0, 2, 1), (2, 1, 0), (1, 0, 2)]:
    what = f"apply_chain(torch x (2, 6, 7), [NumPy, NumPy, tensor theta], order {order})"
    x = torch.rand(2, 6, 7, generator=g, dtype=torch.float64)
    theta = torch.randn(3, 3, generator=g, dtype=torch.float64)
    weights = torch.randn(2, 6, 7, generator=g, dtype=torch.float64)
    x1, theta1 = x.clone().requires_grad_(), theta.clone().requires_grad_()
    got = apply_chain(x1, [filters[0].numpy(), filters[1].numpy(), theta1], order)
    check_plain(got)
    assert isinstance(got, torch.Tensor) and got.requires_grad, (
        f"{what}: the result is not differentiable (no grad_fn): keep the computation in torch")
    (got * weights).sum().backward()
    x2, theta2 = x.clone().requires_grad_(), theta.clone().requires_grad_()
    (torch_chain(x2, [filters[0], filters[1], theta2], order) * weights).sum().backward()
    assert theta1.grad is not None, f"{what}: no gradient reached theta"
    check_close(theta1.grad, theta2.grad, what=f"gradient with respect to theta of {what}", atol=1e-8, rtol=1e-8)
    assert x1.grad is not None, f"{what}: no gradient reached x"
    check_close(x1.grad, x2.grad, what=f"gradient with respect to x of {what}", atol=1e-8, rtol=1e-8)
# On a GPU with NumPy filters: they go to x's device (SimulatedCuda applies CUDA's rules on the CPU).
from course_utils import SimulatedCuda

x = torch.rand(6, 5, generator=g, dtype=torch.float64)
expected = torch_chain(x, filters, (2, 0, 1))
what = "apply_chain(torch x (6, 5) on the GPU, NumPy filters, order (2, 0, 1))"
with SimulatedCuda():
    try:
        got = apply_chain(x.to("cuda"), [f.numpy() for f in filters], (2, 0, 1))
        check_plain(got)
    except Exception as error:  # noqa: BLE001 - a device bug is a failed check
        raise AssertionError(f"{what} raised {type(error).__name__}: {error}; put the filters on x.device") from None
    assert got.device.type == "cuda", f"{what}: the result is on {got.device}, expected x's device (cuda)"
    got = got.cpu()
    check_plain(got)
check_close(got, expected, what=what, atol=1e-10, rtol=1e-10)
# The input tensor is left as it was.
x = torch.rand(5, 5, generator=g, dtype=torch.float64)
x0 = x.clone()
apply_chain(x, filters, (0, 1, 2))
check_close(x, x0, what="x after apply_chain(torch x, filters, order) (the input must not change)", atol=0)
### END HIDDEN TESTS

# %% [markdown]
# ## Part C: fitting the unknown filter (16 + 10 points)
#
# Fix an order. Each step of the chain is linear in its input and linear in its kernel,
# and the unknown filter $\theta$ enters exactly one step, so the whole chain is linear
# in $\theta$. Write $E_k$ for the $3 \times 3$ kernel with a 1 at position $k$
# ($k = 0, \dots, 8$, row by row) and 0 elsewhere; then
#
# $$\operatorname{chain}(x;\ \theta) = \sum_{k=0}^{8} \theta_k \operatorname{chain}(x;\ E_k).$$
#
# Stack the pixels of all outputs into one vector $y$ ($P = N \cdot H \cdot W$ numbers),
# and the pixels of $\operatorname{chain}(x;\ E_k)$ over all images into column $k$ of a
# $P \times 9$ matrix $J$. The best $\theta$ minimises the sum of squared errors
# $\lVert J\theta - y \rVert^2$: a linear least-squares problem, which
# `np.linalg.lstsq(J, y)` solves exactly, in milliseconds.
#
# **Worked example.** Let both known filters be the identity (a 1 in the centre), and
# let the only image be an impulse: a $3 \times 3$ image, 0 everywhere but a 1 in the
# centre. Correlating an impulse with $\theta$ gives $\theta$ turned by 180°
# ($Y[i, j] = \theta[2-i,\ 2-j]$), so each output pixel is one tap of $\theta$ and
# every column of $J$ holds a single 1. If the output is
# `[[1, 2, 3], [4, 5, 6], [7, 8, 9]]`, the fit is `[[9, 8, 7], [6, 5, 4], [3, 2, 1]]`.
#
# Write `fit_unknown_filter(images, outputs, known, order, method="lstsq")`, returning
# the unknown filter as a $3 \times 3$ `float64` NumPy array:
#
# * `images` and `outputs` are lists of float `(H, W)` NumPy arrays of one size, as
#   `load_puzzle` returns them; `known` holds the two known filters and `order` is an
#   order as in Part B, the unknown filter being index 2.
# * `method="lstsq"`: the $\theta$ that minimises the sum of squared errors over all
#   pixels of all images, for the given order, whether it is the true order or not
#   (Part D fits every order). Exact data give the exact filter back, to $10^{-6}$. The
#   tests always use enough data for this $\theta$ to be unique.
# * `method="gd"`: the seed's way, done properly. Build the chain in torch (your
#   `apply_chain` works on tensors), keep the two known filters **frozen** (constants,
#   or layers whose weights have `requires_grad=False`), make the unknown filter a
#   tensor that requires a gradient, and minimise the squared error with an optimiser
#   from `torch.optim`. No closed-form solve: while the test runs this method,
#   `np.linalg.lstsq`, `solve`, `inv`, `pinv` and their SciPy and torch twins raise an
#   error. The result must be within $5 \cdot 10^{-2}$ of the least-squares filter in
#   every entry, on the puzzle and on problems like it (the same kind of images, other
#   orders, other textbook filters with weights up to 2), in at most 20 s on the puzzle
#   (a good solution needs about a second).
#
# *Hints for `gd`.* The seed used Adam at a fixed learning rate of 0.0875 for 500 steps
# and took whatever came out; on a filter with weights of size 1 or 2 that misses by
# 0.2. Divide the loss by the mean of $y^2$ so that its size does not depend on the
# data, work in `float64`, and stop when the loss no longer falls rather than after a
# fixed number of steps. The section after the tests shows why plain gradient descent
# and Adam crawl on this problem; an optimiser that adapts to the curvature
# (`torch.optim.LBFGS` with `line_search_fn="strong_wolfe"`) or momentum helps.

# %% answer id=fit_unknown_filter
def fit_unknown_filter(images, outputs, known, order, method="lstsq"):
    """The unknown filter (index 2 of [known[0], known[1], unknown]) that best explains the outputs.

    images, outputs: lists of (H, W) arrays; known: the two known 3x3 filters; order: a permutation
    of (0, 1, 2). method "lstsq": the exact least-squares solution; "gd": gradient-based optimisation
    in torch with the known filters frozen. Returns a (3, 3) float64 NumPy array.
    """
    ### BEGIN SOLUTION
    x = np.stack([np.asarray(image, dtype=np.float64) for image in images])
    y = np.stack([np.asarray(output, dtype=np.float64) for output in outputs])
    if method == "lstsq":
        columns = [apply_chain(x, [known[0], known[1], unit.reshape(3, 3)], order).ravel() for unit in np.eye(9)]
        theta, *_ = np.linalg.lstsq(np.stack(columns, axis=1), y.ravel(), rcond=None)
        return theta.reshape(3, 3)
    if method == "gd":
        xs, ys = torch.from_numpy(x), torch.from_numpy(y)
        frozen = [torch.as_tensor(np.asarray(k, dtype=np.float64)) for k in known]  # constants: never updated
        theta = torch.zeros(3, 3, dtype=torch.float64, requires_grad=True)
        scale = ys.pow(2).mean()
        optimizer = torch.optim.LBFGS([theta], lr=1, max_iter=50, history_size=10, line_search_fn="strong_wolfe",
                                      tolerance_grad=1e-12, tolerance_change=1e-20)

        def closure():
            optimizer.zero_grad()
            loss = (apply_chain(xs, [*frozen, theta], order) - ys).pow(2).mean() / scale
            loss.backward()
            return loss

        optimizer.step(closure)
        return theta.detach().numpy().copy()
    raise ValueError(f"method must be 'lstsq' or 'gd', not {method!r}")
    ### END SOLUTION

# %% test id=fit_lstsq points=16
"""fit_unknown_filter(method="lstsq"): the exact least-squares filter, for every order, compared with SciPy"""
from course_utils import check_plain
import itertools

import cv2
import numpy as np
import scipy.signal
from course_utils import check_close, check_dtype, check_shape, check_type


def reference_chain(x, filters, order):
    """The chain by SciPy: same-size cross-correlation with zero fill."""
    for index in order:
        x = scipy.signal.correlate2d(x, np.asarray(filters[index], dtype=np.float64), mode="same", boundary="fill")
    return x


def reference_fit(images, outputs, known, order):
    """Least squares with NumPy; column k of the design matrix is the chain with the k-th unit kernel."""
    columns = [np.concatenate([reference_chain(x, [known[0], known[1], unit.reshape(3, 3)], order).ravel()
                               for x in images]) for unit in np.eye(9)]
    theta, *_ = np.linalg.lstsq(np.stack(columns, axis=1), np.concatenate([np.ravel(y) for y in outputs]), rcond=None)
    return theta.reshape(3, 3)


# The worked example: identity known filters, an impulse in, theta turned by 180 degrees out.
identity = np.zeros((3, 3))
identity[1, 1] = 1.0
impulse = identity.copy()
output = np.arange(1.0, 10.0).reshape(3, 3)
got = fit_unknown_filter([impulse], [output], [identity, identity], (0, 1, 2))
check_plain(got)
what = "fit_unknown_filter(worked example: impulse, identity known filters)"
check_type(got, np.ndarray, what=what)
check_shape(got, (3, 3), what=what)
check_close(got, output[::-1, ::-1], what=what, atol=1e-6, rtol=0)

rng = np.random.default_rng(0)
test_known = [rng.normal(size=(3, 3)), rng.normal(size=(3, 3))]
theta = rng.normal(size=(3, 3))
test_images = [rng.uniform(0, 255, size=(10, 12)) for _ in range(3)]
test_outputs = [reference_chain(x, [test_known[0], test_known[1], theta], (1, 2, 0)) for x in test_images]
what = "fit_unknown_filter(3 random images (10, 12), random filters, order (1, 2, 0))"
got = fit_unknown_filter(test_images, test_outputs, test_known, (1, 2, 0))
check_plain(got)
check_type(got, np.ndarray, what=what)
check_shape(got, (3, 3), what=what)
check_dtype(got, "floating", what=what)
check_close(got, theta, what=what, atol=1e-6, rtol=0)
### BEGIN HIDDEN TESTS
assert np.asarray(got).dtype == np.float64, f"{what}: got dtype {np.asarray(got).dtype}, expected float64"
TRUE_FILTER = np.array([[-1, -2, -1], [0, 0, 0], [1, 2, 1]]) / 8
TRUE_ORDER = (0, 2, 1)
EDGE = np.array([[-1, -0.5, 0], [-0.5, 0.5, 0.5], [0, 0.5, 1]])
BOX = np.full((3, 3), 1 / 16)
puzzle_images = [cv2.imread(f"puzzle/{i:02d}.png", cv2.IMREAD_UNCHANGED).astype(np.float64) for i in range(12)]
puzzle_outputs = [np.loadtxt(f"puzzle/{i:02d}.txt") for i in range(12)]
got = fit_unknown_filter(puzzle_images, puzzle_outputs, [EDGE, BOX], TRUE_ORDER)
check_plain(got)
check_shape(got, (3, 3), what="fit_unknown_filter(the puzzle, its true order)")
error = float(np.max(np.abs(np.asarray(got, dtype=np.float64) - TRUE_FILTER)))
assert error < 1e-6, (f"fit_unknown_filter(the puzzle, its true order): the largest difference from the puzzle's "
                      f"filter is {error:.3g}, expected below 1e-6")

# Random problems in every order (a reversed or misread order, a flipped or transposed filter fail here).
rng = np.random.default_rng(1)
for order in itertools.permutations(range(3)):
    test_known = [rng.normal(size=(3, 3)), rng.normal(size=(3, 3))]
    theta = rng.normal(size=(3, 3))
    test_images = [rng.uniform(0, 255, size=(9, 11)) for _ in range(3)]
    test_outputs = [reference_chain(x, [test_known[0], test_known[1], theta], order) for x in test_images]
    what = f"fit_unknown_filter(3 random images (9, 11), random filters, order {order})"
    got = fit_unknown_filter(test_images, test_outputs, test_known, order)
    check_plain(got)
    check_shape(got, (3, 3), what=what)
    check_close(got, theta, what=what, atol=1e-6, rtol=0)

# A wrong order still has a best filter: the least-squares one.
for order in [(2, 1, 0), (1, 0, 2)]:
    what = f"fit_unknown_filter(the puzzle, order {order}, which leaves a residual)"
    check_close(fit_unknown_filter(puzzle_images, puzzle_outputs, [EDGE, BOX], order),
                reference_fit(puzzle_images, puzzle_outputs, [EDGE, BOX], order), what=what, atol=1e-6, rtol=1e-6)

# Noisy outputs: the minimiser of the sum of squared errors over all images (no bias, no single image).
test_known = [rng.normal(size=(3, 3)), rng.normal(size=(3, 3))]
theta = rng.normal(size=(3, 3))
test_images = [rng.uniform(0, 255, size=(12, 10)) for _ in range(4)]
test_outputs = [reference_chain(x, [test_known[0], test_known[1], theta], (2, 0, 1))
                + rng.normal(loc=20, scale=30, size=x.shape) for x in test_images]
what = "fit_unknown_filter(4 images (12, 10), noisy outputs, order (2, 0, 1))"
check_close(fit_unknown_filter(test_images, test_outputs, test_known, (2, 0, 1)),
            reference_fit(test_images, test_outputs, test_known, (2, 0, 1)), what=what, atol=1e-6, rtol=1e-6)

# The inputs are left as they were.
images0, outputs0 = [x.copy() for x in test_images], [y.copy() for y in test_outputs]
known0 = [k.copy() for k in test_known]
fit_unknown_filter(test_images, test_outputs, test_known, (0, 1, 2))
for name, now, before in [("images", test_images, images0), ("outputs", test_outputs, outputs0),
                          ("known", test_known, known0)]:
    for k, (a, b) in enumerate(zip(now, before)):
        check_close(a, b, what=f"{name}[{k}] after fit_unknown_filter (the input must not change)", atol=0)
### END HIDDEN TESTS

# %% test id=fit_gd points=10
"""fit_unknown_filter(method="gd"): gradient-based, no closed-form solve, within 5e-2 of the exact filter"""
from course_utils import check_plain
import cv2
import numpy as np
import scipy.signal
from course_utils import check_shape, check_type, forbid

CLOSED_FORM = ("numpy.linalg.lstsq", "numpy.linalg.solve", "numpy.linalg.inv", "numpy.linalg.pinv",
               "scipy.linalg.lstsq", "scipy.linalg.solve", "scipy.linalg.inv", "scipy.linalg.pinv",
               "scipy.optimize.lsq_linear", "scipy.sparse.linalg.lsqr", "torch.linalg.lstsq", "torch.linalg.solve",
               "torch.linalg.inv", "torch.linalg.pinv", "torch.inverse", "torch.pinverse", "torch.linalg.solve_ex",
               "torch.linalg.inv_ex", "torch.cholesky_solve", "numpy.linalg._linalg.lstsq", "numpy.linalg.svd",
               "numpy.linalg.qr", "numpy.linalg.cholesky", "numpy.linalg.eigh", "scipy.linalg.svd", "scipy.linalg.qr",
               "scipy.linalg.cholesky", "scipy.linalg.solve_triangular", "scipy.optimize.minimize",
               "scipy.optimize.least_squares", "scipy.optimize.nnls", "torch.linalg.qr", "torch.linalg.svd", "torch.svd",
               "torch.linalg.solve_triangular", "torch.linalg.cholesky", "torch.linalg.eigh", "torch.linalg.lu_solve")


def reference_chain(x, filters, order):
    """The chain by SciPy: same-size cross-correlation with zero fill."""
    for index in order:
        x = scipy.signal.correlate2d(x, np.asarray(filters[index], dtype=np.float64), mode="same", boundary="fill")
    return x


def check_gd(images, outputs, known, order, expected, what):
    """Fit with method="gd" while closed-form solvers raise; compare with the exact filter (not shown)."""
    with forbid(*CLOSED_FORM, namespace=globals(),
                reason="method='gd' must fit by gradient-based optimisation, not by a closed-form solve."):
        got = fit_unknown_filter(images, outputs, known, order, method="gd")
        check_plain(got)
    check_type(got, np.ndarray, what=what)
    check_shape(got, (3, 3), what=what)
    assert got.dtype == np.float64, f"{what}: got dtype {got.dtype}, expected float64"
    error = float(np.max(np.abs(np.asarray(got, dtype=np.float64) - expected)))
    assert error < 5e-2, (f"{what}: the largest difference from the exact filter is {error:.3g}, expected below "
                          "5e-2 (did the optimisation stop before it converged?)")


EDGE = np.array([[-1, -0.5, 0], [-0.5, 0.5, 0.5], [0, 0.5, 1]])
BOX = np.full((3, 3), 1 / 16)
SOBEL_X = np.array([[-1.0, 0.0, 1.0], [-2.0, 0.0, 2.0], [-1.0, 0.0, 1.0]])
puzzle_images = [cv2.imread(f"puzzle/{i:02d}.png", cv2.IMREAD_UNCHANGED).astype(np.float64) for i in range(12)]
stand_in = [reference_chain(x, [EDGE, BOX, SOBEL_X], (1, 0, 2)) for x in puzzle_images]
check_gd(puzzle_images, stand_in, [EDGE, BOX], (1, 0, 2), SOBEL_X,
         what="fit_unknown_filter(the puzzle's images, outputs of a Sobel x chain, order (1, 0, 2), method='gd')")
### BEGIN HIDDEN TESTS
TRUE_FILTER = np.array([[-1, -2, -1], [0, 0, 0], [1, 2, 1]]) / 8
TRUE_ORDER = (0, 2, 1)
puzzle_outputs = [np.loadtxt(f"puzzle/{i:02d}.txt") for i in range(12)]
check_gd(puzzle_images, puzzle_outputs, [EDGE, BOX], TRUE_ORDER, TRUE_FILTER,
         what="fit_unknown_filter(the puzzle, its true order, method='gd')")
PREWITT_X = np.array([[-1.0, 0.0, 1.0], [-1.0, 0.0, 1.0], [-1.0, 0.0, 1.0]])
test_outputs = [reference_chain(x, [EDGE, BOX, PREWITT_X], (2, 1, 0)) for x in puzzle_images]
check_gd(puzzle_images, test_outputs, [EDGE, BOX], (2, 1, 0), PREWITT_X,
         what="fit_unknown_filter(the puzzle's images, outputs of a Prewitt x chain, order (2, 1, 0), method='gd')")
SOBEL_Y = SOBEL_X.T.copy()
for order in [(2, 0, 1), (0, 1, 2)]:  # an order that is not its own inverse, and the unknown filter last
    test_outputs = [reference_chain(x, [EDGE, BOX, SOBEL_Y], order) for x in puzzle_images]
    check_gd(puzzle_images, test_outputs, [EDGE, BOX], order, SOBEL_Y,
             what=f"fit_unknown_filter(the puzzle's images, outputs of a Sobel y chain, order {order}, method='gd')")
### END HIDDEN TESTS

# %% [markdown]
# ### Why gradient descent struggles here
#
# The loss $\tfrac12 \lVert J\theta - y \rVert^2$ is a quadratic bowl in nine dimensions
# with Hessian $J^\top J$. Its **condition number** $\kappa$, the largest eigenvalue of
# $J^\top J$ over the smallest, says how stretched the bowl is. Plain gradient descent
# with the largest step that is still safe, $1/\lambda_{max}$, shrinks the error along
# the flattest direction by a factor of only $1 - 1/\kappa$ per step, so it needs about
# $\kappa$ steps to shrink it by a factor of $e$. The Hessian does not depend on the
# outputs or on the secret, only on the images, the known filters and the order, so the
# cell below computes it for all six orders with autograd, as the Hessian of
# $\tfrac12 \lVert \operatorname{chain}(x;\ \theta) \rVert^2$ (the loss with $y = 0$: the
# Hessian of a quadratic does not depend on $y$), without building $J$.
#
# Then it races plain gradient descent (with that largest safe step) and the seed's
# recipe (Adam, learning rate 0.0875, 500 steps, `float32`, starting from small random
# weights) against the exact solve, on a problem whose answer we know: six of the
# puzzle's images through a chain with a Sobel $x$ filter in place of the secret, in the
# order `(1, 0, 2)`. Your own `method="gd"` is timed and marked on the plot.

# %%
def hessian_eigenvalues(images, order):
    """Eigenvalues of J^T J, the Hessian of 0.5 * ||chain(theta)||^2 (the chain is linear in theta), by autograd."""
    x = torch.tensor(np.stack(images))
    hessian = torch.autograd.functional.hessian(
        lambda theta: 0.5 * apply_chain(x, [known[0], known[1], theta], order).pow(2).sum(),
        torch.zeros(3, 3, dtype=torch.float64))
    return torch.linalg.eigvalsh(hessian.reshape(9, 9))


condition = {}
for order in ORDERS:
    eigenvalues = hessian_eigenvalues(images, order)
    condition[order] = (eigenvalues[-1] / eigenvalues[0]).item()
print("condition number of J^T J on the puzzle's twelve images:",
      ", ".join(f"{order}: {kappa:.1e}" for order, kappa in condition.items()))

SOBEL_X = np.array([[-1.0, 0.0, 1.0], [-2.0, 0.0, 2.0], [-1.0, 0.0, 1.0]])
race_order, race_images = (1, 0, 2), images[::2]  # six of the images, to keep the race short
race_targets = list(apply_chain(np.stack(race_images), [known[0], known[1], SOBEL_X], race_order))
lambda_max = hessian_eigenvalues(race_images, race_order)[-1].item()
X, Y = torch.tensor(np.stack(race_images)), torch.tensor(np.stack(race_targets))
energy = float(Y.pow(2).sum())


def race(optimizer_for, loss_of, steps, dtype):
    """Fit theta from small random weights; the relative loss and the largest error before each step."""
    theta = (0.01 * torch.randn(3, 3, generator=torch.Generator().manual_seed(0), dtype=torch.float64)).to(dtype)
    theta.requires_grad_()
    optimizer = optimizer_for([theta])
    x, y = X.to(dtype), Y.to(dtype)
    losses, errors = [], []
    for _ in range(steps):
        optimizer.zero_grad()
        residual = apply_chain(x, [known[0], known[1], theta], race_order) - y
        losses.append(float(residual.detach().double().pow(2).sum()) / energy)
        errors.append(float(np.abs(theta.detach().double().numpy() - SOBEL_X).max()))
        loss_of(residual).backward()
        optimizer.step()
    return losses, errors


contenders = {
    "gradient descent, step 1/lambda_max": (lambda p: torch.optim.SGD(p, lr=1 / lambda_max),
                                            lambda r: 0.5 * r.pow(2).sum(), torch.float64),
    "the seed's Adam (lr 0.0875, float32)": (lambda p: torch.optim.Adam(p, lr=0.0875),
                                             lambda r: r.pow(2).mean(), torch.float32),
}
runs, seconds = {}, {}
for name, (optimizer_for, loss_of, dtype) in contenders.items():
    start = time.perf_counter()
    runs[name] = race(optimizer_for, loss_of, 500, dtype)
    seconds[name] = time.perf_counter() - start
start = time.perf_counter()
exact = fit_unknown_filter(race_images, race_targets, known, race_order, method="lstsq")
exact_seconds = time.perf_counter() - start
start = time.perf_counter()
yours = fit_unknown_filter(race_images, race_targets, known, race_order, method="gd")
your_seconds = time.perf_counter() - start

print(f"{'method':<40}{'seconds':>9}{'largest error':>15}")
for name, (losses, errors) in runs.items():
    print(f"{name:<40}{seconds[name]:>9.2f}{errors[-1]:>15.2e}")
print(f"{'exact solve (lstsq)':<40}{exact_seconds:>9.3f}{np.abs(exact - SOBEL_X).max():>15.2e}")
print(f"{'your method=gd':<40}{your_seconds:>9.2f}{np.abs(yours - SOBEL_X).max():>15.2e}")

fig, (ax_loss, ax_error) = plt.subplots(1, 2, figsize=(11, 3.8))
for name, (losses, errors) in runs.items():
    ax_loss.plot(losses, label=name)
    ax_error.plot(errors, label=name)
ax_error.axhline(np.abs(yours - SOBEL_X).max(), color="tab:green", linestyle="--", label="your method='gd' (final)")
ax_error.axhline(max(np.abs(exact - SOBEL_X).max(), 1e-16), color="black", linestyle=":",
                 label="exact solve (lstsq)")
ax_error.axhline(5e-2, color="tab:red", linewidth=0.8, label="tolerance of the gd test")
ax_loss.set(yscale="log", xlabel="step", ylabel="squared error / squared outputs",
            title="Loss (the exact solve leaves ~0)")
ax_error.set(yscale="log", xlabel="step", ylabel="largest |theta - Sobel x|", title="Distance to the answer")
ax_loss.legend()
ax_error.legend(fontsize=8)
fig.suptitle(f"Fitting a Sobel x filter back from six puzzle images, order {race_order}")
fig.tight_layout()

# %% [markdown]
# The loss of both gradient methods falls by orders of magnitude while the filter is
# still far from the answer: the outputs barely change along the flat directions of the
# bowl, so neither the loss nor its gradient says much about them. The least-squares
# solve does not care about the shape of the bowl. That is the lesson of this part: when
# a model is linear in its unknowns, solve it; keep gradient descent for what you cannot
# solve.
#
# ## Part D: `find_order` (14 points)
#
# With an exact fit in hand, the order is a search over six candidates. For each order,
# fit the unknown filter by least squares and measure what is left over: the
# **residual**, the sum of squared errors over all pixels of all images,
#
# $$r(\text{order}) = \min_\theta \sum_{i} \sum_{\text{pixels}}
# \left(\operatorname{chain}(x_i;\ \theta) - y_i\right)^2 .$$
#
# For the true order the chain reproduces the outputs, so its residual is rounding
# error (the text files keep 12 significant digits). A wrong order leaves an error that
# no filter can remove. This is the question the seed asked by watching how fast each
# order's loss fell; but how fast an optimiser converges says more about the optimiser
# than about the data. The residual at the exact optimum is the honest measure.
#
# Write `find_order(images, outputs, known)` returning `(order, residuals)`:
#
# * `residuals` is a dict with exactly the six orders as keys, tuples of three ints such
#   as `(2, 1, 0)`, each mapped to its residual as a float: the **sum** over all pixels
#   of all images (not a mean, not a square root) left by the least-squares filter of
#   that order;
# * `order` is the key with the smallest residual, a tuple of three ints.
#
# The arguments are as in Part C. Use `method="lstsq"`: it is exact and fast, where a
# gradient method would be slow and would leave its own error in every residual.
#
# **Worked example.** If the best fit of some order predicts `[3.0, 5.5]` for an image
# of two pixels whose outputs are `[2.0, 5.0]`, its residual is
# $1.0^2 + 0.5^2 = 1.25$. If the six residuals were 4.1e6, 3.8e6, 2.9e6, 1e-18, 4.0e4 and
# 3.0e6 for the orders `(0, 1, 2)`, `(1, 0, 2)`, `(2, 1, 0)`, `(1, 2, 0)`, `(2, 0, 1)`
# and the remaining one, the answer would be `(1, 2, 0)`.

# %% answer id=find_order
def find_order(images, outputs, known):
    """The order of [known[0], known[1], unknown] whose least-squares fit leaves the least error.

    Returns (order, residuals): residuals maps each of the six orders (tuples) to the sum of squared
    errors over all pixels of all images of its best fit; order is the key with the smallest residual.
    """
    ### BEGIN SOLUTION
    target = np.concatenate([np.ravel(y) for y in outputs])
    residuals = {}
    for order in itertools.permutations(range(3)):
        theta = fit_unknown_filter(images, outputs, known, order)
        fit = np.concatenate([apply_chain(x, [known[0], known[1], theta], order).ravel() for x in images])
        residuals[order] = float(np.sum((fit - target) ** 2))
    return min(residuals, key=residuals.get), residuals
    ### END SOLUTION

# %% test id=find_order_best points=7
"""find_order: the order whose best fit leaves the smallest residual, as a tuple"""
import itertools

import cv2
import numpy as np
import scipy.signal


def reference_chain(x, filters, order):
    """The chain by SciPy: same-size cross-correlation with zero fill."""
    for index in order:
        x = scipy.signal.correlate2d(x, np.asarray(filters[index], dtype=np.float64), mode="same", boundary="fill")
    return x


def check_order(images, outputs, known, expected, what, show_expected=True):
    got, residuals = find_order(images, outputs, known)
    assert isinstance(got, tuple) and len(got) == 3, f"{what}: got order {got!r}, expected a tuple of three ints"
    assert sorted(int(v) for v in got) == [0, 1, 2], f"{what}: got order {got!r}, expected a permutation of (0, 1, 2)"
    if show_expected:
        assert tuple(int(v) for v in got) == expected, f"{what}: got order {got}, expected {expected}"
    else:
        assert tuple(int(v) for v in got) == expected, f"{what}: got order {got}, which is not the true order"
    return residuals


rng = np.random.default_rng(0)
test_known = [rng.normal(size=(3, 3)), rng.normal(size=(3, 3))]
theta = rng.normal(size=(3, 3))
test_images = [rng.uniform(0, 255, size=(16, 16)) for _ in range(3)]
test_outputs = [reference_chain(x, [test_known[0], test_known[1], theta], (1, 2, 0)) for x in test_images]
what = "find_order(3 random images (16, 16), random filters, true order (1, 2, 0))"
test_residuals = check_order(test_images, test_outputs, test_known, (1, 2, 0), what)
assert isinstance(test_residuals, dict), f"{what}: residuals is a {type(test_residuals).__name__}, expected a dict"
assert set(test_residuals) == set(itertools.permutations(range(3))), (
    f"{what}: residuals has the keys {sorted(test_residuals)}, expected the six orders as tuples")
### BEGIN HIDDEN TESTS
TRUE_ORDER = (0, 2, 1)
EDGE = np.array([[-1, -0.5, 0], [-0.5, 0.5, 0.5], [0, 0.5, 1]])
BOX = np.full((3, 3), 1 / 16)
puzzle_images = [cv2.imread(f"puzzle/{i:02d}.png", cv2.IMREAD_UNCHANGED).astype(np.float64) for i in range(12)]
puzzle_outputs = [np.loadtxt(f"puzzle/{i:02d}.txt") for i in range(12)]
check_order(puzzle_images, puzzle_outputs, [EDGE, BOX], TRUE_ORDER, "find_order(the puzzle)", show_expected=False)
# Every order can be the true one; known filters given as a tuple.
rng = np.random.default_rng(1)
for order in itertools.permutations(range(3)):
    test_known = (rng.normal(size=(3, 3)), rng.normal(size=(3, 3)))
    theta = rng.normal(size=(3, 3))
    test_images = [rng.uniform(0, 255, size=(8, 9)) for _ in range(2)]
    test_outputs = [reference_chain(x, [test_known[0], test_known[1], theta], order) for x in test_images]
    check_order(test_images, test_outputs, test_known, order,
                f"find_order(2 random images (8, 9), random filters, true order {order})")
### END HIDDEN TESTS

# %% test id=find_order_residuals points=7
"""find_order: residuals[order] is the sum of squared errors of that order's least-squares fit, for all six orders"""
import itertools

import cv2
import numpy as np
import scipy.signal


def reference_chain(x, filters, order):
    """The chain by SciPy: same-size cross-correlation with zero fill."""
    for index in order:
        x = scipy.signal.correlate2d(x, np.asarray(filters[index], dtype=np.float64), mode="same", boundary="fill")
    return x


def reference_residuals(images, outputs, known):
    """For each order: the least-squares residual (sum of squared errors) by NumPy."""
    y = np.concatenate([np.ravel(o) for o in outputs])
    residuals = {}
    for order in itertools.permutations(range(3)):
        columns = [np.concatenate([reference_chain(x, [known[0], known[1], unit.reshape(3, 3)], order).ravel()
                                   for x in images]) for unit in np.eye(9)]
        design = np.stack(columns, axis=1)
        theta = np.linalg.lstsq(design, y, rcond=None)[0]
        residuals[order] = float(np.sum((design @ theta - y) ** 2))
    return residuals


def check_residuals(images, outputs, known, what, show_expected=True):
    _, got = find_order(images, outputs, known)
    assert isinstance(got, dict), f"{what}: residuals is a {type(got).__name__}, expected a dict"
    assert set(got) == set(itertools.permutations(range(3))), (
        f"{what}: residuals has the keys {sorted(got)}, expected the six orders as tuples")
    expected = reference_residuals(images, outputs, known)
    floor = 1e-9 * sum(float(np.sum(np.square(o))) for o in outputs)  # rounding: the true order's residual is ~0
    for order in sorted(expected):
        value = got[order]
        assert isinstance(value, (float, np.floating)), (
            f"{what}: residuals[{order}] is a {type(value).__name__}, expected a float")
        close = abs(float(value) - expected[order]) <= floor + 1e-6 * expected[order]
        if show_expected:
            assert close, f"{what}: residuals[{order}]: got {float(value):.6g}, expected {expected[order]:.6g}"
        else:
            assert close, (f"{what}: residuals[{order}] = {float(value):.6g} is not the least-squares residual of "
                           "that order (the sum of squared errors over all pixels of all images)")


rng = np.random.default_rng(0)
test_known = [rng.normal(size=(3, 3)), rng.normal(size=(3, 3))]
theta = rng.normal(size=(3, 3))
test_images = [rng.uniform(0, 255, size=(16, 16)) for _ in range(3)]
test_outputs = [reference_chain(x, [test_known[0], test_known[1], theta], (1, 2, 0)) for x in test_images]
check_residuals(test_images, test_outputs, test_known,
                "find_order(3 random images (16, 16), random filters, true order (1, 2, 0))")
### BEGIN HIDDEN TESTS
EDGE = np.array([[-1, -0.5, 0], [-0.5, 0.5, 0.5], [0, 0.5, 1]])
BOX = np.full((3, 3), 1 / 16)
puzzle_images = [cv2.imread(f"puzzle/{i:02d}.png", cv2.IMREAD_UNCHANGED).astype(np.float64) for i in range(12)]
puzzle_outputs = [np.loadtxt(f"puzzle/{i:02d}.txt") for i in range(12)]
check_residuals(puzzle_images, puzzle_outputs, [EDGE, BOX], "find_order(the puzzle)", show_expected=False)
# Noisy outputs of several images: every image counts, every order has a real residual.
rng = np.random.default_rng(2)
test_known = [rng.normal(size=(3, 3)), rng.normal(size=(3, 3))]
theta = rng.normal(size=(3, 3))
test_images = [rng.uniform(0, 255, size=(7, 11)) for _ in range(4)]
test_outputs = [reference_chain(x, [test_known[0], test_known[1], theta], (2, 0, 1))
                + rng.normal(scale=10, size=x.shape) for x in test_images]
check_residuals(test_images, test_outputs, test_known,
                "find_order(4 random images (7, 11), noisy outputs, order (2, 0, 1))")


def check_order_of(images, outputs, known, what):
    """order is the key with the smallest residual, always; keys are tuples of Python ints; sums of squares >= 0."""
    order, got = find_order(images, outputs, known)
    assert all(type(i) is int for key in got for i in key) and all(type(i) is int for i in order), (
        f"{what}: the orders must be tuples of Python ints such as (2, 1, 0), got {sorted(got)[0]!r} and {order!r} "
        "with items of type " + ", ".join(sorted({type(i).__name__ for key in got for i in key})))
    best = min(got, key=got.get)
    assert tuple(order) == best, (f"{what}: returned the order {tuple(order)}, but the smallest residual is that of "
                                  f"{best}: order is the key with the smallest residual, whatever the margin")
    negative = [key for key, value in got.items() if float(value) < 0]
    assert not negative, f"{what}: the residuals of {negative} are negative; a sum of squared errors never is"


# Small numbers (images in [0, 1], small filters, small noise): residuals of about 1e-5, kept to every digit.
rng = np.random.default_rng(3)
small_known = [rng.normal(size=(3, 3)) * 0.05, rng.normal(size=(3, 3)) * 0.05]
small_theta = rng.normal(size=(3, 3)) * 0.05
small_images = [rng.uniform(0, 1, size=(6, 6)) for _ in range(3)]
small_outputs = [reference_chain(x, [small_known[0], small_known[1], small_theta], (1, 0, 2))
                 + rng.normal(scale=1e-4, size=x.shape) for x in small_images]
check_residuals(small_images, small_outputs, small_known, "find_order(3 images in [0, 1] (6, 6), small filters and noise)")
check_order_of(small_images, small_outputs, small_known, "find_order(3 images in [0, 1] (6, 6), small filters and noise)")
# A black image with outputs that no filter explains: the design matrix is all zeros, every residual is ||y||^2.
black, noise = [np.zeros((5, 5))], [rng.normal(size=(5, 5))]
check_residuals(black, noise, [EDGE, BOX], "find_order(one black image (5, 5), outputs of pure noise)")
# A doubly symmetric unknown filter commutes with the box: two orders tie, and order is still the argmin.
GAUSSIAN = np.array([[1, 2, 1], [2, 4, 2], [1, 2, 1]]) / 16
tie_outputs = [reference_chain(x, [EDGE, BOX, GAUSSIAN], (0, 1, 2)) for x in puzzle_images[:3]]
check_order_of(puzzle_images[:3], tie_outputs, [EDGE, BOX],
               "find_order(three puzzle images through edge, box, a Gaussian: orders (0, 1, 2) and (0, 2, 1) tie)")
### END HIDDEN TESTS

# %% [markdown]
# The six residuals of the puzzle, on a logarithmic scale:

# %%
best_order, puzzle_residuals = find_order(images, outputs, known)
total = sum(float(np.sum(y ** 2)) for y in outputs)
labels = [str(order) for order in puzzle_residuals]
relative = [max(r / total, 1e-30) for r in puzzle_residuals.values()]
fig, ax = plt.subplots(figsize=(7, 3))
ax.bar(labels, relative, color=["tab:green" if o == best_order else "tab:gray" for o in puzzle_residuals])
ax.set_yscale("log")
ax.set_xlabel("order (indices into [known[0], known[1], unknown])")
ax.set_ylabel("residual / sum of outputs squared")
ax.set_title("Least-squares residual of each order on the puzzle")
fig.tight_layout()
ranked = sorted(puzzle_residuals.values())
print(f"best order {best_order}; the runner-up leaves {ranked[1] / max(ranked[0], 1e-12 * total):.1e} times "
      "its residual")

# %% [markdown]
# ## Part E: `snap_to_fractions` (10 points)
#
# A fitted filter is a grid of floats such as `0.2499999987`. The filter someone
# designed by hand is made of simple fractions. Python's `fractions` module finds them:
# `Fraction(x).limit_denominator(q)` is the fraction closest to `x` among all fractions
# whose denominator is at most `q`.
#
# Write `snap_to_fractions(kernel, max_denominator=16)`:
#
# * `kernel`: a NumPy array of floats, of any shape.
# * Returns a NumPy array of the same shape whose entries are `fractions.Fraction`
#   objects (an array of `dtype=object`), or floats equal to them: each entry is the
#   fraction $p/q$ closest to the kernel's entry among all with
#   $1 \le q \le$ `max_denominator` (the tests avoid exact ties, and use bounds of at
#   most 10 000, so a search over every denominator is fast enough). Leave `kernel`
#   unchanged.
#
# **Worked example.** With the default `max_denominator=16`: `0.3333336` becomes 1/3,
# `0.3` becomes 3/10, `-0.6249` becomes −5/8, `2.0000001` becomes 2 and `3e-9` becomes 0.
# With `max_denominator=4`, `0.3` becomes 1/3, since $|0.3 - 1/3| \approx 0.033$ is less
# than $|0.3 - 1/4| = 0.05$. Rounding to three decimals (the seed's way) turns 1/3 into
# 0.333, which is not 1/3; rounding to multiples of 1/16 turns 0.3 into 5/16.

# %% answer id=snap_to_fractions
def snap_to_fractions(kernel: np.ndarray, max_denominator: int = 16) -> np.ndarray:
    """Each entry of kernel replaced by the closest fraction with denominator at most max_denominator.

    Returns an array of kernel's shape holding fractions.Fraction objects (dtype=object).
    """
    ### BEGIN SOLUTION
    values = np.asarray(kernel, dtype=np.float64)
    snapped = np.empty(values.shape, dtype=object)
    for index in np.ndindex(values.shape):
        snapped[index] = Fraction(float(values[index])).limit_denominator(max_denominator)
    return snapped
    ### END SOLUTION

# %% test id=snap_fractions points=10
"""snap_to_fractions: the closest fraction with a bounded denominator, entry by entry, any shape"""
from fractions import Fraction
from numbers import Real

import numpy as np


def check_snapped(kernel, max_denominator, expected, what):
    """expected: an array of Fractions; every entry of the result must be a Fraction or a float equal to it."""
    kernel = np.asarray(kernel, dtype=np.float64)
    before = kernel.copy()
    got = snap_to_fractions(kernel) if max_denominator is None else snap_to_fractions(kernel, max_denominator)
    assert isinstance(got, np.ndarray), f"{what}: returned a {type(got).__name__}, expected a NumPy array"
    assert got.shape == expected.shape, f"{what}: got shape {got.shape}, expected {expected.shape}"
    for index in np.ndindex(expected.shape):
        value, wanted = got[index], expected[index]
        assert isinstance(value, (Fraction, Real)) and not isinstance(value, (bool, np.bool_)), (
            f"{what}: entry {index} is {value!r}, expected a fractions.Fraction (or a float equal to one)")
        ok = value == wanted if isinstance(value, Fraction) else abs(float(value) - float(wanted)) <= 1e-12 * max(
            1.0, abs(float(wanted)))
        assert ok, f"{what}: entry {index} (from {kernel[index]!r}): got {value}, expected {wanted}"
    assert np.array_equal(kernel, before), f"{what}: the kernel passed in was changed"


expected = np.array([[Fraction(1, 3), Fraction(3, 10)], [Fraction(-5, 8), Fraction(2)]], dtype=object)
check_snapped([[0.3333336, 0.3], [-0.6249, 2.0000001]], None, expected,
              what="snap_to_fractions([[0.3333336, 0.3], [-0.6249, 2.0000001]])")
check_snapped([[0.3, 3e-9]], 4, np.array([[Fraction(1, 3), Fraction(0)]], dtype=object),
              what="snap_to_fractions([[0.3, 3e-9]], max_denominator=4)")
### BEGIN HIDDEN TESTS
rng = np.random.default_rng(0)
# Random fractions with denominators up to 16, plus a little noise: back to the exact fractions.
for shape in [(3, 3), (2, 5), (7,), (2, 2, 2)]:
    numerators = rng.integers(-40, 41, size=shape)
    denominators = rng.integers(1, 17, size=shape)
    exact = np.empty(shape, dtype=object)
    for index in np.ndindex(shape):
        exact[index] = Fraction(int(numerators[index]), int(denominators[index]))
    noisy = np.vectorize(float)(exact) + rng.uniform(-1e-7, 1e-7, size=shape)
    check_snapped(noisy, None, exact,
                  what=f"snap_to_fractions(random fractions p/q, q <= 16, plus noise, shape {shape})")
# The bound is the argument, and the bound itself is allowed.
values = np.array([5 / 16 + 1e-7, 0.3, -0.3, 0.7, 1 / 7 - 2e-8, 0.49])
for bound in (1, 3, 4, 7, 15, 16, 32, 100):
    expected = np.array([Fraction(v).limit_denominator(bound) for v in values], dtype=object)
    check_snapped(values, bound, expected,
                  what=f"snap_to_fractions({values.round(8).tolist()}, max_denominator={bound})")
# Values near zero, negative values, values above 1.
values = np.array([[-1e-9, 2.9999999, -3.4999999], [0.0625000001, -0.125000001, 11.75]])
expected = np.array([[Fraction(0), Fraction(3), Fraction(-7, 2)], [Fraction(1, 16), Fraction(-1, 8), Fraction(47, 4)]],
                    dtype=object)
check_snapped(values, None, expected, what=f"snap_to_fractions({values.tolist()})")
# Small entries are fractions too (0.04 is nearer 1/16 than 0), and large bounds get every digit of the value.
values = np.array([0.04, -0.045, 0.123456, 0.3183098861837907])
for bound in (16, 1000, 10**4):
    expected = np.array([Fraction(float(v)).limit_denominator(bound) for v in values], dtype=object)
    check_snapped(values, bound, expected,
                  what=f"snap_to_fractions({values.tolist()}, max_denominator={bound}) (no pre-rounding, no zeroing)")
### END HIDDEN TESTS

# %% [markdown]
# ## Part F: your answer (8 points)
#
# Put it all together on the puzzle loaded above (`images`, `outputs`, `known`): set
# `ORDER` to the order of the chain, a tuple of three ints, and `UNKNOWN_FILTER` to the
# secret filter, a $3 \times 3$ NumPy array of `Fraction`s (or floats equal to them)
# with denominators of at most 16. Compute both with your functions rather than typing
# numbers in. Then look at the filter: which textbook filter is it, and what does it
# compute? (Not graded, but you will want to know.)

# %% answer id=puzzle_answer
### BEGIN SOLUTION
ORDER, order_residuals = find_order(images, outputs, known)
UNKNOWN_FILTER = snap_to_fractions(fit_unknown_filter(images, outputs, known, ORDER))
### END SOLUTION
print("ORDER =", ORDER)
print("UNKNOWN_FILTER =")
print(UNKNOWN_FILTER)

# %% test id=answer_order points=4
"""ORDER: a tuple of three ints, the order of the puzzle's chain"""
ok = isinstance(ORDER, tuple) and len(ORDER) == 3 and sorted(int(v) for v in ORDER) == [0, 1, 2] and all(
    float(v).is_integer() for v in ORDER)
assert ok, f"ORDER = {ORDER!r}: expected a tuple, a permutation of (0, 1, 2)"
### BEGIN HIDDEN TESTS
TRUE_ORDER = (0, 2, 1)
assert tuple(int(v) for v in ORDER) == TRUE_ORDER, f"ORDER = {ORDER!r} is not the order of the puzzle's chain"
### END HIDDEN TESTS

# %% test id=answer_filter points=4
"""UNKNOWN_FILTER: simple fractions that reproduce the puzzle's outputs, the puzzle's filter"""
import itertools
from fractions import Fraction

import cv2
import numpy as np
import scipy.signal

answer = np.asarray(UNKNOWN_FILTER)
assert answer.shape == (3, 3), f"UNKNOWN_FILTER: got shape {answer.shape}, expected (3, 3)"
values = np.vectorize(float, otypes=[np.float64])(answer)
for index in np.ndindex(3, 3):
    simple = Fraction(values[index]).limit_denominator(16)
    assert abs(values[index] - float(simple)) <= 1e-12, (
        f"UNKNOWN_FILTER[{index}] = {answer[index]!r}: expected a simple fraction (denominator at most 16); "
        "snap the fit with snap_to_fractions")
EDGE = np.array([[-1, -0.5, 0], [-0.5, 0.5, 0.5], [0, 0.5, 1]])
BOX = np.full((3, 3), 1 / 16)
puzzle_images = [cv2.imread(f"puzzle/{i:02d}.png", cv2.IMREAD_UNCHANGED).astype(np.float64) for i in range(12)]
puzzle_outputs = [np.loadtxt(f"puzzle/{i:02d}.txt") for i in range(12)]
best = np.inf
for order in itertools.permutations(range(3)):
    error = 0.0
    for x, y in zip(puzzle_images, puzzle_outputs):
        for index in order:
            x = scipy.signal.correlate2d(x, [EDGE, BOX, values][index], mode="same", boundary="fill")
        error += float(np.sum((x - y) ** 2))
    best = min(best, error / sum(float(np.sum(y ** 2)) for y in puzzle_outputs))
assert best < 1e-12, (f"UNKNOWN_FILTER does not reproduce the puzzle's outputs in any order: the best order leaves "
                      f"{best:.3g} of the outputs' squared sum, expected below 1e-12")
### BEGIN HIDDEN TESTS
TRUE_FILTER = np.array([[-1, -2, -1], [0, 0, 0], [1, 2, 1]]) / 8
error = float(np.max(np.abs(values - TRUE_FILTER)))
assert error <= 1e-12, f"UNKNOWN_FILTER is not the puzzle's filter: the largest difference is {error:.3g}"
### END HIDDEN TESTS

# %% [markdown]
# ## How much data does the puzzle need?
#
# Nine unknowns need nine independent equations, and one $64 \times 64$ image gives
# 4,096, so the filter is overdetermined many times over by any single image. The order
# is another matter: where does the information about it live? The cell below runs your
# `find_order` three ways.
#
# 1. On each puzzle image alone: the *separation* is the runner-up's residual over the
#    best one (residuals below $10^{-12}$ of the outputs' squared sum count as rounding
#    and are raised to that floor, so that two exact fits give a separation of 1).
# 2. On one photograph with a black frame of growing width, its outputs made by a chain
#    whose secret we choose ourselves (the Sobel $x$ filter of the race above, in the
#    order `(1, 0, 2)`).
# 3. On outputs made with the seed's own answer: the filter
#    $\frac18 \begin{bmatrix} 1 & 2 & 1 \\ 2 & 4 & 2 \\ 1 & 2 & 1 \end{bmatrix}$ in the
#    order box → that filter → edge filter, which is `(1, 2, 0)`.

# %%
def separation(residuals, outputs):
    """Runner-up residual over the best one, with residuals below 1e-12 of the outputs' energy raised to that floor."""
    floor = 1e-12 * sum(float(np.sum(np.square(y))) for y in outputs)
    best, runner_up = sorted(max(r, floor) for r in residuals.values())[:2]
    return runner_up / best


per_image = [separation(find_order([x], [y], known)[1], [y]) for x, y in zip(images, outputs)]
fig, ax = plt.subplots(figsize=(8, 3))
ax.bar(range(8), per_image[:8], color="tab:blue", label="photograph crops")
ax.bar(range(8, len(images)), per_image[8:], color="tab:orange", label="synthetic patterns")
ax.axhline(10, color="tab:red", linewidth=0.8, label="10x")
ax.set_yscale("log")
ax.set_ylim(1, 1e3 * max(per_image))
ax.set_xticks(range(len(images)), [f"{i:02d}" for i in range(len(images))])
ax.set_xlabel("puzzle image used alone")
ax.set_ylabel("runner-up / best residual")
ax.set_title("One image at a time: how clearly the best order wins")
ax.legend(loc="upper left", ncol=3)
fig.tight_layout()
print(f"one image alone separates the orders by at least {min(per_image):.1e}x")

SOBEL_X = np.array([[-1.0, 0.0, 1.0], [-2.0, 0.0, 2.0], [-1.0, 0.0, 1.0]])
photo = images[0]
print("\nA photograph in a black frame, outputs of a Sobel x chain in the order (1, 0, 2):")
for width in range(5):
    framed = photo.copy()
    if width:
        framed[:width], framed[-width:], framed[:, :width], framed[:, -width:] = 0, 0, 0, 0
    target = apply_chain(framed, [known[0], known[1], SOBEL_X], (1, 0, 2))
    _, residuals = find_order([framed], [target], known)
    floor = 1e-12 * float(np.sum(target ** 2))
    exact_fits = sum(r <= floor for r in residuals.values())
    print(f"  black frame {width} px wide: separation {separation(residuals, [target]):9.2e}, "
          f"orders that fit exactly: {exact_fits} of 6")

SEED_FILTER = np.array([[1, 2, 1], [2, 4, 2], [1, 2, 1]]) / 8
seed_outputs = [apply_chain(x, [known[0], known[1], SEED_FILTER], (1, 2, 0)) for x in images]
_, seed_residuals = find_order(images, seed_outputs, known)
seed_total = sum(float(np.sum(y ** 2)) for y in seed_outputs)
print("\nThe seed's answer, all twelve images: residual / outputs squared for each order")
for order, r in sorted(seed_residuals.items(), key=lambda item: item[1]):
    print(f"  {order}: {r / seed_total:.1e}")

# %% [markdown] manual id=order_identifiability points=14
# ## Part G: when can the order be told apart? (14 points)
#
# **Written answer.** In your own words, using what the experiments above show; a few
# sentences per question are enough. Write your answer in this cell.
#
# 1. **When is the order identifiable at all?** Far from the border, convolutions
#    commute, so what tells two orders apart? Why do two filters that are each symmetric
#    under both axis flips (a box, a Gaussian) commute exactly even with zero padding,
#    border included? Which property of a filter breaks the tie?
# 2. **Could the seed's own answer have been right?** Its answer was the filter
#    $\frac18 \begin{bmatrix} 1 & 2 & 1 \\ 2 & 4 & 2 \\ 1 & 2 & 1 \end{bmatrix}$ in the
#    order box → that filter → edge filter. What could its data decide, what not, and
#    what does that say about choosing the order by how fast each loss falls?
# 3. **How much data does the puzzle need?** How many images, and what must they look
#    like near the border? Why does an image that is black near its border never tell
#    the orders apart, however large it is?
#
# ### BEGIN SOLUTION
# 1. On an endless image every filter is a convolution, and convolutions commute. Extend
#    the image by zeros: the first filter of the chain is then exact, and each later one
#    differs from the endless-image result only where the padding cut off what the earlier
#    filters had spread beyond the border. So with the same three filters all six orders
#    give the same output except in the outer two rows and columns: only the border can
#    tell orders apart, and what it shows depends on which filter ran first. In operator terms, on
#    an $H \times W$ image a $3 \times 3$ filter is a sum of products of the one-pixel
#    shifts up $U$ and down $D$ (along the rows) and left $L$ and right $R$ (along the
#    columns), each shift filling with zero, as in Part B's worked example. Row shifts
#    commute with column shifts, but $UD \ne DU$: they differ on the border row. A filter
#    symmetric under the up-down flip weights $U$ and $D$ equally, so its row part is a
#    polynomial in $U + D$ alone; symmetric under both flips, it is a polynomial in the two
#    commuting operators $U + D$ and $L + R$. Any two such polynomials commute, border
#    included, so a box and a Gaussian (or a Laplacian, a sharpen filter) can be applied
#    in either order with exactly the same result. The tie breaks only when a filter is
#    not symmetric under both flips, like the edge filter: then its order relative to the
#    others shows up along the border. (A filter can still commute with a particular other filter by accident,
#    e.g. a multiple of the edge filter commutes with the edge filter.)
# 2. Its filter is symmetric under both flips, and so is the box, so the two commute:
#    box → Gaussian → edge and Gaussian → box → edge give identical outputs for every
#    image (the last experiment shows two exact fits). The data could fix the filter and
#    that the edge filter comes last (the edge filter breaks the symmetry), but never the
#    order of the first two: as an order, the seed's answer was one of two equally good
#    answers, a coin toss that its data could not settle. Choosing the order by how fast
#    the loss falls measures the optimiser (its learning rate, its start, the
#    conditioning of each order), not the data: the right criterion is the residual at
#    the exact optimum, and when two orders both reach zero, no criterion can choose.
# 3. For the filter, one image suffices: nine unknowns and thousands of equations. For the
#    order, every piece of evidence comes from the band of pixels within two or three of
#    the border, so what matters is that the image is not black there: with a generic
#    natural image, one is enough (each puzzle image alone separates the orders by many
#    orders of magnitude, far more than 10x). An image that is zero within two pixels of
#    its border never helps: every intermediate result is then still zero where the
#    padding would cut, so the padding cuts nothing, the chain equals the convolution of
#    an endless image and all six orders fit exactly (the frame experiment shows the
#    separation falling to 1). More images add more border pixels, which guards against
#    noise and against images whose border happens to be flat, but not more kinds of
#    evidence.
# ### END SOLUTION

# %% [markdown]
# ## Before you submit
#
# * *Kernel → Restart Kernel and Run All Cells*: every test cell should run without an
#   error, and nothing should be written in red (stderr).
# * Check that you answered the written questions of Part G.
# * The hidden tests try more than the visible ones: folders with other file names and
#   other files in them, images that do not use the full range of bytes, every order,
#   batches and gradients, noisy outputs, other filters for `method="gd"`, and other
#   denominators.
