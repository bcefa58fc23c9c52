# %% [markdown]
# # Problem set 4: SIFT, step by step, and which steps can back-propagate
#
# Long before convolutional networks learned their own features, computer vision ran
# on hand-designed ones, and the most famous is David Lowe's **SIFT** (Scale-Invariant
# Feature Transform, 1999/2004). It finds *keypoints* (blobs and corners that can be
# found again after the image is rotated, scaled or lit differently) and describes the
# neighbourhood of each by a vector of 128 numbers, so that the same physical point in
# two photographs gets two nearly equal vectors.
#
# SIFT is a pipeline of convolutions, differences, comparisons, histograms and
# normalisations, which is why it belongs in a course on CNNs: half of its stages are
# exactly what a convolutional layer computes, and the other half are the reason it
# cannot be trained end to end. In this problem set you first **use** SIFT (OpenCV's)
# and measure how good its matches are against a known truth, then **rebuild** its
# stages in PyTorch and ask of each one: can a gradient flow through it, and if not,
# what smooth relaxation would let it?
#
# | Part | You write | Points |
# |---|---|---|
# | A | `detect_and_describe`: SIFT keypoints and descriptors | 8 |
# | B | `lowe_ratio_filter`: Lowe's ratio test on nearest neighbours | 10 |
# | C | `match_precision`, `corner_error`: matches and homographies checked against the truth | 10 + 6 |
# | D | `gaussian_kernel`, `difference_of_gaussians`: a differentiable scale space | 5 + 7 + 3 |
# | E | `soft_argmax_3d`: a differentiable extremum | 10 |
# | F | `gradient_magnitude_orientation`, `atan2_derivatives`: orientation and its derivative | 7 + 5 |
# | G | `normalize_descriptor`, `l2_normalize_jacobian`, `soft_clip`: the last stage and its Jacobian | 6 + 6 + 5 |
# | H | a written answer: which stages are differentiable | 12 |
#
# **How this notebook is graded.** Each exercise has an answer cell (replace the
# `raise NotImplementedError` line) followed by one or more locked test cells. Run a
# test cell: its visible checks give you instant feedback. When grading, hidden tests
# are added to the same cells and check more cases, so make your functions correct in
# general, not only for the examples shown. The written answer is read by a person.
# A test cell that writes to stderr scores 0: the tests silence warnings, but keep
# your functions free of prints to `sys.stderr` and of progress bars.
#
# Run the notebook from top to bottom (*Kernel → Restart Kernel and Run All Cells*)
# before you submit: a grader runs it the same way. It takes well under a minute on a
# laptop's CPU.

# %%
import math
import time
import warnings

import cv2
import matplotlib.pyplot as plt
import numpy as np
import torch
import torch.nn.functional as F
from matplotlib.lines import Line2D

from course_utils import check_close, check_dtype, check_shape, check_type
from course_utils.images import make_view_pair

torch.set_num_threads(1)  # every tensor here is small: one thread is fastest, and fair to a shared machine
np.set_printoptions(precision=4, suppress=True)
%matplotlib inline
print(f"OpenCV {cv2.__version__}, PyTorch {torch.__version__}")

# %% [markdown]
# ## The data: one photograph, two views, a known truth
#
# To tell a right match from a wrong one we need to know where every point of one
# image went in the other. So instead of two unrelated photographs we take one,
# the NASA portrait of the astronaut Eileen Collins that scikit-image ships, and make
# a second view of it ourselves: `make_view_pair` warps it by a known **homography**
# $H$ (a rotation by 15–30°, a scale of 0.8–0.95 and a mild perspective tilt) and
# changes its brightness and contrast. Both images are grayscale `uint8`, 512×512.
#
# A homography is a 3×3 matrix acting on **homogeneous coordinates**. A pixel at
# column $x$ and row $y$ of `img1` is written $(x, y, 1)$; then
#
# $$\begin{pmatrix} u \\ v \\ w \end{pmatrix} = H \begin{pmatrix} x \\ y \\ 1 \end{pmatrix},
# \qquad (x', y') = \left(\frac{u}{w},\ \frac{v}{w}\right)$$
#
# is where that point lands in `img2`. The division by $w$ is what makes the
# perspective: for an affine map (rotation, scale, shift) the last row of $H$ is
# $(0, 0, 1)$ and $w = 1$ everywhere; here it is not. Note the order: $x$ is the
# column and comes first, as in OpenCV (`keypoint.pt` is `(x, y)`), while NumPy
# indexes `img[y, x]`.

# %%
img1, img2, H_true = make_view_pair("astronaut", seed=0)
print(f"img1 {img1.shape} {img1.dtype}, img2 {img2.shape} {img2.dtype}")
print("H (maps img1 pixels (x, y, 1) to img2):")
print(H_true)

fig, axes = plt.subplots(1, 2, figsize=(11, 5.3))
for ax, image, title in zip(axes, (img1, img2), ("img1: the photograph", "img2: the second view")):
    ax.imshow(image, cmap="gray", vmin=0, vmax=255)
    ax.set_title(title)
    ax.set_xlabel("x (column, pixels)")
    ax.set_ylabel("y (row, pixels)")
fig.suptitle("Two views of one photograph, related by a known homography H")
fig.tight_layout()

# %% [markdown]
# ## Part A: SIFT keypoints and descriptors (8 points)
#
# OpenCV's SIFT (`cv2.SIFT_create()`; builds older than 4.4 had it as
# `cv2.xfeatures2d.SIFT_create()`) does all of SIFT in one call,
# `sift.detectAndCompute(gray, None)` (the `None` is "no mask"). It returns
#
# * a sequence of `cv2.KeyPoint`: `kp.pt` is the sub-pixel position `(x, y)`,
#   `kp.size` the diameter of the neighbourhood that was described (it grows with the
#   scale at which the blob was found), `kp.angle` its orientation in degrees,
#   `kp.response` the strength of the blob;
# * a float32 array of **descriptors**, one row of 128 numbers per keypoint: the
#   neighbourhood, rotated to the keypoint's orientation, is cut into 4×4 cells, and
#   each cell holds a histogram of gradient directions with 8 bins, so
#   $4 \cdot 4 \cdot 8 = 128$.
#
# Write `detect_and_describe(gray)`:
#
# * **in:** `gray`, a 2-D `uint8` NumPy array (H, W). That is the contract (OpenCV's
#   SIFT refuses other dtypes); the tests pass nothing else.
# * **out:** a tuple `(keypoints, descriptors)`: a list (or tuple) of N `cv2.KeyPoint`,
#   and a `float32` NumPy array of shape (N, 128) whose row $i$ describes keypoint $i$.
# * Use OpenCV's SIFT **with its default parameters** (the tests compare with it) and
#   fall back to `cv2.xfeatures2d.SIFT_create` when `cv2.SIFT_create` does not exist.
# * An image without keypoints (say, a constant one) gives N = 0: return an empty list
#   and a float32 array of shape (0, 128). OpenCV itself returns `None` for the
#   descriptors then.
#
# **What to expect.** About 1,100 keypoints in `img1` and 800–900 in `img2` (OpenCV
# 5.0 finds 1,100 and 807; other builds differ by a few per cent, which is why the
# tests compare with your own OpenCV, not with fixed counts). **Worked number:** 1,100
# keypoints give a (1100, 128) array of $1100 \cdot 128 = 140{,}800$ float32 values of
# 4 bytes each, $563{,}200$ bytes (550 KiB): about $563{,}200 / 262{,}144 \approx 2.1$
# times the $512 \cdot 512 = 262{,}144$ bytes of the `uint8` image they describe.

# %% answer id=detect_and_describe
def detect_and_describe(gray: np.ndarray) -> tuple[list, np.ndarray]:
    """SIFT keypoints and descriptors of a grayscale uint8 image (H, W), OpenCV's default settings.

    Returns (keypoints, descriptors): a list (or tuple) of N cv2.KeyPoint, and a float32
    NumPy array (N, 128) whose row i describes keypoint i (shape (0, 128) when N == 0).
    """
    ### BEGIN SOLUTION
    create = getattr(cv2, "SIFT_create", None) or cv2.xfeatures2d.SIFT_create
    keypoints, descriptors = create().detectAndCompute(gray, None)
    if descriptors is None:  # no keypoint found
        descriptors = np.zeros((0, 128), dtype=np.float32)
    return list(keypoints), descriptors.astype(np.float32, copy=False)
    ### END SOLUTION

# %% test id=detect_and_describe_correct points=8
"""detect_and_describe: OpenCV's SIFT with default settings; float32 (N, 128) descriptors, one row per keypoint"""
import warnings

import cv2
import numpy as np
from course_utils import check_shape, check_type
from course_utils.images import make_view_pair


def quiet(fn, *args, **kwargs):
    """fn(*args, **kwargs) with warnings silenced: nbgrader scores a cell that writes to stderr 0."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return fn(*args, **kwargs)


def unpack(result, what):
    assert isinstance(result, tuple) and len(result) == 2, \
        f"{what}: returned {type(result).__name__}, expected a tuple (keypoints, descriptors)"
    keypoints, descriptors = result
    assert isinstance(keypoints, (list, tuple)) and all(isinstance(k, cv2.KeyPoint) for k in keypoints), \
        f"{what}: the first item is {type(keypoints).__name__}, expected a list of cv2.KeyPoint"
    check_type(descriptors, np.ndarray, what=f"{what} descriptors")
    check_shape(descriptors, (len(keypoints), 128), what=f"{what} descriptors (one row per keypoint)")
    assert descriptors.dtype == np.float32, f"{what}: descriptors have dtype {descriptors.dtype}, expected float32"
    return keypoints, descriptors


view_1, view_2, _ = make_view_pair("astronaut", seed=0)
keypoints, descriptors = unpack(quiet(detect_and_describe, view_1), "detect_and_describe(img1)")
assert 700 <= len(keypoints) <= 1600, \
    f"detect_and_describe(img1): found {len(keypoints)} keypoints, expected about 1,100 (700 to 1,600 on any build)"
### BEGIN HIDDEN TESTS
import warnings


def library_sift(gray):
    create = getattr(cv2, "SIFT_create", None) or cv2.xfeatures2d.SIFT_create
    kps, desc = create().detectAndCompute(gray, None)
    return kps, (np.zeros((0, 128), np.float32) if desc is None else desc)


def table(kps, desc):
    """One row per keypoint: x, y, size, angle, then its descriptor; sorted, so that the order does not matter."""
    rows = np.array([[k.pt[0], k.pt[1], k.size, k.angle] for k in kps], dtype=np.float64).reshape(-1, 4)
    full = np.hstack([rows, np.asarray(desc, dtype=np.float64).reshape(len(rows), 128)])
    return full[np.lexsort(full.T[::-1])] if len(full) else full


camera_view = make_view_pair("camera", seed=3)[1]
cases = {
    "img1": view_1,
    "img2": view_2,
    "a second view of the camera photograph": camera_view,
    "a crop img1[100:228, 150:310] (128, 160)": view_1[100:228, 150:310],
}
for what, gray in cases.items():
    before = gray.copy()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        kps, desc = unpack(quiet(detect_and_describe, gray), f"detect_and_describe({what})")
    ref_kps, ref_desc = library_sift(gray)
    assert len(kps) == len(ref_kps), (f"detect_and_describe({what}): found {len(kps)} keypoints, OpenCV's SIFT with "
                                      f"default settings finds {len(ref_kps)} (no options, no preprocessing)")
    got_t, ref_t = table(kps, desc), table(ref_kps, ref_desc)
    same_points = np.array_equal(got_t[:, :4], ref_t[:, :4])
    assert same_points, f"detect_and_describe({what}): the keypoints differ from OpenCV's SIFT with default settings"
    assert np.array_equal(got_t, ref_t), (f"detect_and_describe({what}): the descriptors differ from OpenCV's "
                                          f"(largest difference {np.abs(got_t - ref_t).max():.4g}); return them as "
                                          f"OpenCV computes them, row i for keypoint i, unnormalised, in float32")
    assert np.array_equal(gray, before), f"detect_and_describe({what}) changed its input image"

for what, gray in {"a constant image (64, 64)": np.full((64, 64), 128, np.uint8),
                   "a black image (40, 50)": np.zeros((40, 50), np.uint8)}.items():
    result = quiet(detect_and_describe, gray)
    assert isinstance(result, tuple) and len(result) == 2, f"detect_and_describe({what}): expected a tuple"
    assert result[1] is not None, (f"detect_and_describe({what}): descriptors are None; with no keypoint return "
                                   f"a float32 array of shape (0, 128)")
    kps, desc = unpack(result, f"detect_and_describe({what})")
    assert len(kps) == 0, f"detect_and_describe({what}): found {len(kps)} keypoints, expected 0"

# A build older than OpenCV 4.4 has no cv2.SIFT_create, only cv2.xfeatures2d.SIFT_create: simulate one.
import types

crop = view_1[100:228, 150:310]
real_create, real_contrib = cv2.SIFT_create, getattr(cv2, "xfeatures2d", None)
try:
    del cv2.SIFT_create
    cv2.xfeatures2d = types.SimpleNamespace(SIFT_create=real_create)
    try:
        old_build = quiet(detect_and_describe, crop)
    except AttributeError as error:
        raise AssertionError(f"detect_and_describe(img) on a build without cv2.SIFT_create (OpenCV < 4.4) raised "
                             f"AttributeError ({error}); fall back to cv2.xfeatures2d.SIFT_create") from None
finally:
    cv2.SIFT_create = real_create
    if real_contrib is None:
        del cv2.xfeatures2d
    else:
        cv2.xfeatures2d = real_contrib
kps, desc = unpack(old_build, "detect_and_describe(img) on a build without cv2.SIFT_create")
assert len(kps) == len(library_sift(crop)[0]), \
    "detect_and_describe(img) on a build without cv2.SIFT_create: other keypoints than cv2.xfeatures2d's SIFT"
### END HIDDEN TESTS

# %% [markdown]
# The keypoints found in each image, and the 150 strongest of `img1` drawn with
# `cv2.drawKeypoints(..., flags=cv2.DRAW_MATCHES_FLAGS_DRAW_RICH_KEYPOINTS)`: each
# circle has the keypoint's size, and the radius drawn inside it points along its
# orientation. Large circles are blobs found at coarse scales.

# %%
kp1, desc1 = detect_and_describe(img1)
kp2, desc2 = detect_and_describe(img2)
print(f"img1: {len(kp1)} keypoints, descriptors {desc1.shape} {desc1.dtype}")
print(f"img2: {len(kp2)} keypoints, descriptors {desc2.shape} {desc2.dtype}")
sizes = np.array([k.size for k in kp1])
print(f"keypoint sizes in img1: median {np.median(sizes):.1f} px, 90th percentile {np.percentile(sizes, 90):.1f} px")

strongest = sorted(kp1, key=lambda k: -k.response)[:150]
rich = cv2.drawKeypoints(cv2.cvtColor(img1, cv2.COLOR_GRAY2BGR), strongest, None, color=(0, 255, 0),
                         flags=cv2.DRAW_MATCHES_FLAGS_DRAW_RICH_KEYPOINTS)
fig, ax = plt.subplots(figsize=(7, 7))
ax.imshow(cv2.cvtColor(rich, cv2.COLOR_BGR2RGB))
ax.set_title(f"The 150 strongest of {len(kp1)} SIFT keypoints in img1 (size and orientation)")
ax.set_xlabel("x (column, pixels)")
ax.set_ylabel("y (row, pixels)")
fig.tight_layout()

# %% [markdown]
# ## Part B: Lowe's ratio test (10 points)
#
# To match, each descriptor of `img1` looks for its **two** nearest descriptors in
# `img2` (Euclidean distance, brute force): `cv2.BFMatcher(cv2.NORM_L2).knnMatch(desc1,
# desc2, k=2)` returns one entry per descriptor of `img1`, a sequence of up to two
# `cv2.DMatch`, nearest first. A `cv2.DMatch` has `queryIdx` (the row in `desc1`, so the
# keypoint in `kp1`), `trainIdx` (the row in `desc2`) and `distance`; you can make one
# by hand with `cv2.DMatch(queryIdx, trainIdx, distance)`.
#
# The nearest neighbour alone is a poor test: every point of `img1` has one, even a
# point that is not in `img2` at all. Lowe's idea is to compare it with the second
# nearest: a distinctive point has one neighbour much closer than all others, while an
# ambiguous one (a repeated texture, a point that has no partner) has several at
# similar distances. Keep the first match $m$ of an entry $(m, n)$ only if
#
# $$m.\text{distance} < \text{ratio} \cdot n.\text{distance} \qquad (\text{strictly}; \text{Lowe used } 0.8, \text{ 0.75 is common}).$$
#
# Write `lowe_ratio_filter(knn_matches, ratio=0.75)`:
#
# * **in:** a sequence of entries, each a sequence of `cv2.DMatch` sorted by distance,
#   as `knnMatch` returns them (tuples or lists).
# * **out:** a list (or tuple) of the kept first matches (the `cv2.DMatch` objects
#   themselves), **sorted by distance, smallest first**; equal distances in any order.
# * An entry with **fewer than two** neighbours (this happens when `img2` has a single
#   descriptor, or after other filtering) cannot be tested: **skip it**. An entry with
#   more than two uses its first two.
# * Leave the input unchanged.
#
# **Worked example.** Four entries with distances (10, 20), (30, 35), (5,) and (12, 16),
# ratio 0.75: $10 < 15$ keeps the first; $30 < 26.25$ fails; (5,) has a single
# neighbour and is skipped; $12 < 12$ fails (a tie is not strictly below). The answer
# is the single match of distance 10.

# %% answer id=lowe_ratio_filter
def lowe_ratio_filter(knn_matches, ratio: float = 0.75) -> list:
    """The first match of each k-NN entry whose distance is strictly below ratio x the second's,
    sorted by distance (smallest first). Entries with fewer than two matches are skipped."""
    ### BEGIN SOLUTION
    kept = [entry[0] for entry in knn_matches
            if len(entry) >= 2 and entry[0].distance < ratio * entry[1].distance]
    return sorted(kept, key=lambda m: m.distance)
    ### END SOLUTION

# %% test id=lowe_ratio_filter_correct points=10
"""lowe_ratio_filter: the worked example, then ties, single neighbours, sorting and real k-NN matches"""
from course_utils import check_plain
import warnings

import cv2


def quiet(fn, *args, **kwargs):
    """fn(*args, **kwargs) with warnings silenced: nbgrader scores a cell that writes to stderr 0."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return fn(*args, **kwargs)


def describe(matches):
    return [(m.queryIdx, m.trainIdx, round(float(m.distance), 4)) for m in matches]


def check_filter(knn, expected, what, **kwargs):
    got = quiet(lowe_ratio_filter, knn, **kwargs)
    check_plain(got)
    assert isinstance(got, (list, tuple)), f"{what}: returned {type(got).__name__}, expected a list of cv2.DMatch"
    assert all(isinstance(m, cv2.DMatch) for m in got), \
        (f"{what}: returned {[type(m).__name__ for m in got][:5]}, expected cv2.DMatch objects "
         f"(the first match of each kept entry)")
    distances = [float(m.distance) for m in got]
    assert distances == sorted(distances), f"{what}: distances {distances[:10]}, expected them sorted, smallest first"
    got_d, exp_d = sorted(describe(got)), sorted(describe(expected))
    if got_d != exp_d:
        extra = [m for m in got_d if m not in exp_d][:5]
        missing = [m for m in exp_d if m not in got_d][:5]
        raise AssertionError(f"{what}: got {len(got_d)} matches, expected {len(exp_d)}; "
                             f"kept but should not be (queryIdx, trainIdx, distance): {extra}; missing: {missing}")


M = cv2.DMatch
worked = [(M(0, 4, 10.0), M(0, 7, 20.0)), (M(1, 2, 30.0), M(1, 5, 35.0)), (M(2, 3, 5.0),),
          (M(3, 1, 12.0), M(3, 6, 16.0))]
check_filter(worked, [worked[0][0]], "lowe_ratio_filter(worked example, ratio=0.75)", ratio=0.75)
### BEGIN HIDDEN TESTS
import warnings

import numpy as np
from course_utils.images import make_view_pair

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    # The default ratio is 0.75; ties and zero distances are not strictly below.
    check_filter(worked, [worked[0][0]], "lowe_ratio_filter(worked example) with the default ratio")
    ties = [(M(0, 0, 12.0), M(0, 1, 16.0)), (M(1, 1, 0.0), M(1, 2, 0.0)), (M(2, 9, 11.5), M(2, 3, 16.0)),
            (M(3, 3, 7.5), M(3, 0, 10.0))]
    check_filter(ties, [ties[2][0]], "lowe_ratio_filter(ties at exactly 0.75 and zero distances, ratio=0.75)")
    # The result is sorted by distance, whatever the order of the entries.
    unsorted = [(M(0, 5, 9.0), M(0, 1, 30.0)), (M(1, 2, 3.0), M(1, 0, 30.0)), (M(2, 7, 6.0), M(2, 4, 30.0)),
                (M(3, 8, 1.0), M(3, 6, 30.0)), (M(4, 3, 12.0), M(4, 9, 13.0))]
    check_filter(unsorted, [unsorted[3][0], unsorted[1][0], unsorted[2][0], unsorted[0][0]],
                 "lowe_ratio_filter(entries in no particular order)")
    # Entries with one or no neighbour are skipped, wherever they are.
    single = [(M(0, 2, 1.0),), (M(1, 1, 4.0), M(1, 0, 10.0)), (), [M(3, 0, 2.0)], [M(4, 4, 5.0), M(4, 2, 50.0)]]
    check_filter(single, [single[1][0], single[4][0]], "lowe_ratio_filter(entries with 1, 2 or 0 neighbours)")
    check_filter([(M(0, 0, 1.0),), (M(1, 0, 2.0),)], [], "lowe_ratio_filter(only single-neighbour entries)")
    check_filter([], [], "lowe_ratio_filter([])")
    # Three neighbours: the test compares the first with the second, not the last.
    three = [(M(0, 1, 10.0), M(0, 2, 12.0), M(0, 3, 40.0)), (M(1, 0, 10.0), M(1, 2, 20.0), M(1, 3, 21.0))]
    check_filter(three, [three[1][0]], "lowe_ratio_filter(entries with 3 neighbours)")
    # The ratio is used as given (and on distances, not squared distances).
    mixed = [(M(0, 3, 10.0), M(0, 1, 12.5)), (M(1, 2, 10.0), M(1, 0, 14.0)), (M(2, 1, 10.0), M(2, 5, 25.0)),
             (M(3, 4, 10.0), M(3, 0, 11.5))]
    check_filter(mixed, [mixed[1][0], mixed[2][0]], "lowe_ratio_filter(ratios 0.8, 0.71, 0.4, 0.87; ratio=0.75)")
    check_filter(mixed, [mixed[2][0]], "lowe_ratio_filter(ratios 0.8, 0.71, 0.4, 0.87; ratio=0.5)", ratio=0.5)
    check_filter(mixed, [mixed[0][0], mixed[1][0], mixed[2][0], mixed[3][0]],
                 "lowe_ratio_filter(ratios 0.8, 0.71, 0.4, 0.87; ratio=0.9)", ratio=0.9)
    check_filter([list(e) for e in mixed], [mixed[1][0], mixed[2][0]],
                 "lowe_ratio_filter(entries given as lists)")
    check_filter(tuple(mixed), [mixed[1][0], mixed[2][0]], "lowe_ratio_filter(a tuple of entries)")
    # A near tie is decided by the exact comparison, with no safety margin.
    near = [(M(0, 1, 74.9999), M(0, 2, 100.0)), (M(1, 0, 75.0001), M(1, 2, 100.0)), (M(2, 2, 0.7499), M(2, 0, 1.0))]
    check_filter(near, [near[2][0], near[0][0]], "lowe_ratio_filter(ratios 0.749999, 0.750001, 0.7499; ratio=0.75)")
    # The first matches themselves come back, with all their fields: imgIdx says which train image matched.
    multi = [(cv2.DMatch(0, 3, 2, 10.0), cv2.DMatch(0, 1, 0, 30.0)), (cv2.DMatch(1, 5, 1, 5.0), cv2.DMatch(1, 2, 3, 20.0))]
    kept = quiet(lowe_ratio_filter, multi)
    assert [(m.queryIdx, m.trainIdx, m.imgIdx) for m in kept] == [(1, 5, 1), (0, 3, 2)], \
        (f"lowe_ratio_filter(matches against several train images): kept (queryIdx, trainIdx, imgIdx) "
         f"{[(m.queryIdx, m.trainIdx, m.imgIdx) for m in kept]}, expected [(1, 5, 1), (0, 3, 2)]: return the first "
         f"matches themselves, not new DMatch objects")

    # Real k-NN matches between two views of the camera photograph.
    view1, view2, _ = make_view_pair("camera", seed=2)
    sift = cv2.SIFT_create()
    _, d1 = sift.detectAndCompute(view1, None)
    _, d2 = sift.detectAndCompute(view2, None)
    knn_real = cv2.BFMatcher(cv2.NORM_L2).knnMatch(d1, d2, k=2)
    before = [describe(entry) for entry in knn_real]
    for ratio in (0.6, 0.75, 0.9):
        expected = [entry[0] for entry in knn_real if len(entry) >= 2
                    and np.float64(entry[0].distance) < ratio * np.float64(entry[1].distance)]
        check_filter(knn_real, expected,
                     f"lowe_ratio_filter(BFMatcher.knnMatch(k=2) on two camera views, ratio={ratio})", ratio=ratio)
    assert [describe(entry) for entry in knn_real] == before, "lowe_ratio_filter(knn_matches) changed its input"
    # A second image with a single descriptor: every entry has one neighbour.
    lonely = cv2.BFMatcher(cv2.NORM_L2).knnMatch(d1[:20], d2[:1], k=2)
    check_filter(lonely, [], "lowe_ratio_filter(knnMatch against a single descriptor: one neighbour each)")
### END HIDDEN TESTS

# %% [markdown]
# Now the real thing: the two nearest neighbours in `img2` of every descriptor of
# `img1`. The histogram shows the ratio of the nearest to the second-nearest distance
# for every keypoint of `img1`: a peak at small ratios (distinctive, probably right)
# and a broad hump near 1 (ambiguous), with the threshold in between.

# %%
start = time.perf_counter()
knn = cv2.BFMatcher(cv2.NORM_L2).knnMatch(desc1, desc2, k=2)
matches = lowe_ratio_filter(knn, ratio=0.75)
print(f"k-NN matching of {len(desc1)} x {len(desc2)} descriptors: {time.perf_counter() - start:.2f} s")
print(f"{len(matches)} of {len(knn)} keypoints pass the ratio test at 0.75 ({len(matches) / len(knn):.0%})")
if matches:
    kept_distances = np.array([m.distance for m in matches])
    print(f"descriptor distance of the kept matches: min {kept_distances.min():.0f}, "
          f"median {np.median(kept_distances):.0f}, max {kept_distances.max():.0f}")

ratios_all = np.array([e[0].distance / e[1].distance for e in knn if len(e) >= 2 and e[1].distance > 0])
fig, ax = plt.subplots(figsize=(7, 4))
ax.hist(ratios_all, bins=40, range=(0, 1), color="tab:blue", alpha=0.8, label="keypoints of img1")
ax.axvline(0.75, color="tab:red", linestyle="--", label="ratio threshold 0.75")
ax.set_xlabel("nearest distance / second-nearest distance")
ax.set_ylabel("number of keypoints")
ax.set_title("Lowe's ratio for every keypoint of img1")
ax.legend()
fig.tight_layout()

# %% [markdown]
# ## Part C: checking matches against the truth (10 + 6 points)
#
# ### `match_precision`
#
# Because we know $H$, every match can be checked: match $m$ pairs the point
# $p = $ `kp1[m.queryIdx].pt` of `img1` with $q = $ `kp2[m.trainIdx].pt` of `img2`.
# It is **correct** when $p$, mapped by $H$ (homogeneous coordinates, then the division
# by $w$), lands within `tol_px` pixels of $q$:
#
# $$\left\lVert \left(\tfrac{u}{w}, \tfrac{v}{w}\right) - q \right\rVert_2 \le \text{tol\_px},
# \qquad (u, v, w)^\top = H\,(p_x, p_y, 1)^\top .$$
#
# The **precision** of a set of matches is the share of correct ones.
#
# Write `match_precision(kp1, kp2, matches, H, tol_px=3.0)`:
#
# * **in:** the two keypoint sequences, a sequence of `cv2.DMatch` (a list or a tuple),
#   `H` a 3×3 NumPy array mapping `img1` to `img2` (any non-zero multiple of it is the
#   same homography), and the tolerance in pixels.
# * **out:** a float in $[0, 1]$ (a Python float, or a NumPy float32 or float64 scalar):
#   the number of correct matches divided by the number of **matches** (not of
#   keypoints). A distance exactly equal to `tol_px` counts as correct (the Euclidean
#   distance, compared with `<=`). No matches give `0.0`.
# * Map the points with NumPy (stack a column of ones, multiply by $H^\top$, divide by
#   the last column) or with `cv2.perspectiveTransform(points.reshape(-1, 1, 2), H)`,
#   which does the division for you.
#
# **Worked example.** $H$ = shift by $(5, -2)$, i.e. `[[1, 0, 5], [0, 1, -2], [0, 0, 1]]`.
# A match from $(10, 20)$ to $(17, 18)$: $(10, 20)$ maps to $(15, 18)$, 2 px from
# $(17, 18)$, correct. A match from $(0, 0)$ to $(8, 2)$: $(0, 0)$ maps to $(5, -2)$,
# $\sqrt{3^2 + 4^2} = 5$ px away, wrong. Precision $1/2 = 0.5$. With perspective the
# division matters: for $H$ = `[[1, 0, 0], [0, 1, 0], [0.001, 0, 1]]` the point
# $(100, 0)$ gives $(u, v, w) = (100, 0, 1.1)$, so it lands at $(90.9, 0)$, not at $(100, 0)$.

# %% answer id=match_precision
def match_precision(kp1, kp2, matches, H: np.ndarray, tol_px: float = 3.0) -> float:
    """Share of matches m whose kp1[m.queryIdx].pt, mapped by H (then divided by w), lies within
    tol_px (Euclidean, <=) of kp2[m.trainIdx].pt; 0.0 for no matches."""
    ### BEGIN SOLUTION
    if len(matches) == 0:
        return 0.0
    src = np.array([kp1[m.queryIdx].pt for m in matches], dtype=np.float64)
    dst = np.array([kp2[m.trainIdx].pt for m in matches], dtype=np.float64)
    mapped = np.column_stack([src, np.ones(len(src))]) @ np.asarray(H, dtype=np.float64).T
    mapped = mapped[:, :2] / mapped[:, 2:3]
    errors = np.linalg.norm(mapped - dst, axis=1)
    return float(np.mean(errors <= tol_px))
    ### END SOLUTION

# %% test id=match_precision_correct points=10
"""match_precision: the worked example, perspective, the tolerance, the indices, no matches, real SIFT matches"""
from course_utils import check_plain
import numbers
import warnings

import cv2
import numpy as np
from course_utils import check_close


def quiet(fn, *args, **kwargs):
    """fn(*args, **kwargs) with warnings silenced: nbgrader scores a cell that writes to stderr 0."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return fn(*args, **kwargs)


def keypoints(points):
    return [cv2.KeyPoint(float(x), float(y), 5.0) for x, y in points]


def precision_of(kp1, kp2, matches, H, what, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        got = quiet(match_precision, kp1, kp2, matches, H, **kwargs)
        check_plain(got)
    assert isinstance(got, numbers.Real) and not isinstance(got, bool), \
        f"{what}: returned {type(got).__name__}, expected a float"
    return float(got)


shift = np.array([[1.0, 0.0, 5.0], [0.0, 1.0, -2.0], [0.0, 0.0, 1.0]])
kp_a, kp_b = keypoints([(10, 20), (0, 0)]), keypoints([(17, 18), (8, 2)])
pairs = [cv2.DMatch(0, 0, 1.0), cv2.DMatch(1, 1, 1.0)]
check_close(precision_of(kp_a, kp_b, pairs, shift, "match_precision(worked example)"), 0.5,
            what="match_precision(worked example)")
check_close(precision_of(kp_a, kp_b, [], shift, "match_precision(no matches)"), 0.0,
            what="match_precision(no matches)")
### BEGIN HIDDEN TESTS
# A distance of exactly tol_px counts; the tolerance is in pixels (not squared pixels).
move = np.array([[1.0, 0.0, 3.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]])
kp_a, kp_b = keypoints([(10, 20), (30, 40), (50, 60)]), keypoints([(10, 20), (33, 44), (53, 60)])
pairs = [cv2.DMatch(i, i, 1.0) for i in range(3)]
for tol, expected in [(3.0, 2 / 3), (4.0, 1.0), (2.9, 1 / 3)]:
    what = f"match_precision(shift by (3, 0), errors 3, 4, 0 px, tol_px={tol})"
    check_close(precision_of(kp_a, kp_b, pairs, move, what, tol_px=tol), expected, what=what, atol=1e-9)
what = "match_precision(shift by (3, 0), errors 3, 4, 0 px, default tol_px)"
check_close(precision_of(kp_a, kp_b, pairs, move, what), 2 / 3, what=what, atol=1e-9)
# Just past the tolerance does not count: errors of 3.02, 2.98 and 3.0 px along x.
kp_c = keypoints([(16.02, 20), (35.98, 40), (56, 60)])
what = "match_precision(shift by (3, 0), errors 3.02, 2.98, 3.0 px, tol_px=3.0)"
check_close(precision_of(kp_a, kp_c, pairs, move, what), 2 / 3, what=what, atol=1e-9)
# The share is over matches: one keypoint of img1 in two matches, one right and one wrong, counts twice.
twice = [cv2.DMatch(0, 0, 1.0), cv2.DMatch(0, 1, 2.0), cv2.DMatch(2, 2, 1.0), cv2.DMatch(1, 0, 3.0)]
what = "match_precision(4 matches, two of them from keypoint 0 of img1, one right and one wrong)"
check_close(precision_of(kp_a, kp_b, twice, move, what), 0.5, what=what, atol=1e-9)

# Perspective, shuffled indices, unmatched keypoints, errors in every direction.
rng = np.random.default_rng(7)
H = np.array([[0.9, -0.2, 40.0], [0.25, 1.1, -30.0], [8e-4, -6e-4, 1.0]])
n = 60
src = rng.uniform([0, 0], [640, 480], size=(n, 2))
hom = np.column_stack([src, np.ones(n)]) @ H.T
assert 0.5 < hom[:, 2].min() and hom[:, 2].max() < 1.6
mapped = hom[:, :2] / hom[:, 2:]
lengths = np.concatenate([rng.uniform(0.0, 1.7, 10), rng.uniform(1.8, 2.95, 15), rng.uniform(3.05, 4.2, 15),
                          rng.uniform(4.3, 9.5, 10), rng.uniform(20, 80, 10)])
angles = np.where(rng.random(n) < 0.5, np.pi / 4, rng.uniform(0, 2 * np.pi, n))  # many diagonal errors
dst = mapped + lengths[:, None] * np.column_stack([np.cos(angles), np.sin(angles)])
extra = rng.uniform(0, 500, size=(25, 2))  # keypoints that no match uses
order1, order2 = rng.permutation(n + 25), rng.permutation(n + 25)
pts1, pts2 = np.empty((n + 25, 2)), np.empty((n + 25, 2))
pts1[order1[:n]], pts1[order1[n:]] = src, extra
pts2[order2[:n]], pts2[order2[n:]] = dst, extra[::-1]
kp1_t, kp2_t = keypoints(pts1), keypoints(pts2)
pairs = [cv2.DMatch(int(order1[i]), int(order2[i]), 1.0) for i in range(n)]
p1 = np.array([kp1_t[m.queryIdx].pt for m in pairs], np.float64)
p2 = np.array([kp2_t[m.trainIdx].pt for m in pairs], np.float64)
h = np.column_stack([p1, np.ones(n)]) @ H.T
err = np.hypot(*(h[:, :2] / h[:, 2:] - p2).T)
for tol in (3.0, 1.0, 10.0):
    expected = np.mean(err <= tol)
    what = f"match_precision(60 matches under a perspective H, errors 0-80 px, tol_px={tol})"
    check_close(precision_of(kp1_t, kp2_t, pairs, H, what, tol_px=tol), expected, what=what, atol=1e-9)
what = "match_precision(the same matches, H multiplied by 4: the same homography)"
check_close(precision_of(kp1_t, kp2_t, pairs, 4 * H, what), np.mean(err <= 3.0), what=what, atol=1e-9)
what = "match_precision(the same matches, H multiplied by -2: the same homography, every w negative)"
check_close(precision_of(kp1_t, kp2_t, pairs, -2 * H, what), np.mean(err <= 3.0), what=what, atol=1e-9)
what = "match_precision(the same matches as a tuple)"
check_close(precision_of(kp1_t, kp2_t, tuple(pairs), H, what), np.mean(err <= 3.0), what=what, atol=1e-9)
what = "match_precision(no matches, as a tuple)"
check_close(precision_of(kp1_t, kp2_t, (), H, what), 0.0, what=what)

# Real SIFT matches between two views of the camera photograph.
from course_utils.images import make_view_pair

view1, view2, H_view = make_view_pair("camera", seed=5)
sift = cv2.SIFT_create()
k1, d1 = sift.detectAndCompute(view1, None)
k2, d2 = sift.detectAndCompute(view2, None)
for ratio in (0.75, 0.95):
    real = [e[0] for e in cv2.BFMatcher(cv2.NORM_L2).knnMatch(d1, d2, k=2)
            if len(e) == 2 and e[0].distance < ratio * e[1].distance]
    p1 = np.array([k1[m.queryIdx].pt for m in real], np.float64).reshape(-1, 1, 2)
    p2 = np.array([k2[m.trainIdx].pt for m in real], np.float64).reshape(-1, 2)
    err = np.linalg.norm(cv2.perspectiveTransform(p1, H_view).reshape(-1, 2) - p2, axis=1)
    what = f"match_precision({len(real)} SIFT matches between two camera views, ratio {ratio})"
    check_close(precision_of(k1, k2, real, H_view, what), np.mean(err <= 3.0), what=what, atol=1.5 / len(real))
### END HIDDEN TESTS

# %% [markdown]
# ### `corner_error`
#
# A homography estimated from the matches can be judged the same way, by where it
# sends points: take the four corners of `img1`,
# $(0, 0),\ (W - 1, 0),\ (W - 1, H - 1),\ (0, H - 1)$ as $(x, y)$ (pixel centres; $W$ is
# the width, the number of columns, and $H$ here the height), map each corner by the
# estimate and by the truth (dividing by $w$), and average the four Euclidean distances.
#
# Write `corner_error(H_est, H_true, shape)`:
#
# * **in:** two 3×3 NumPy arrays (any non-zero multiple of a homography is the same
#   homography), and `shape`, the shape of `img1` as NumPy gives it: `(height, width)`,
#   or `(height, width, channels)`, of which only the first two numbers count.
# * **out:** a float (Python or NumPy), the mean of the four corner distances, in pixels.
#
# **Worked examples.** `H_true` the identity, `H_est` a shift by $(3, 4)$: every corner
# moves by 5 px, so the error is 5.0, whatever the shape. `H_est` = `diag(2, 2, 1)`
# (scale by 2) on a `(101, 201)` image (101 rows, 201 columns): the corners $(0, 0)$,
# $(200, 0)$, $(200, 100)$, $(0, 100)$ move by $0$, $200$, $\sqrt{200^2 + 100^2} = 223.61$ and
# $100$ px, so the error is $(0 + 200 + 223.61 + 100)/4 = 130.90$.

# %% answer id=corner_error
def corner_error(H_est: np.ndarray, H_true: np.ndarray, shape: tuple) -> float:
    """Mean Euclidean distance (pixels) between the four corners of an image of shape (height, width[, ...])
    mapped by H_est and by H_true: corners (0, 0), (W-1, 0), (W-1, H-1), (0, H-1) as (x, y)."""
    ### BEGIN SOLUTION
    height, width = shape[:2]
    corners = np.array([[0, 0, 1], [width - 1, 0, 1], [width - 1, height - 1, 1], [0, height - 1, 1]],
                       dtype=np.float64)

    def warp(H):
        p = corners @ np.asarray(H, dtype=np.float64).T
        return p[:, :2] / p[:, 2:3]

    return float(np.linalg.norm(warp(H_est) - warp(H_true), axis=1).mean())
    ### END SOLUTION

# %% test id=corner_error_correct points=6
"""corner_error: the worked examples, then non-square images, perspective and scaled homographies"""
from course_utils import check_plain
import numbers
import warnings

import numpy as np
from course_utils import check_close


def quiet(fn, *args, **kwargs):
    """fn(*args, **kwargs) with warnings silenced: nbgrader scores a cell that writes to stderr 0."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return fn(*args, **kwargs)


def error_of(H_est, H_true, shape, what):
    got = quiet(corner_error, H_est, H_true, shape)
    check_plain(got)
    assert isinstance(got, numbers.Real) and not isinstance(got, bool), \
        f"{what}: returned {type(got).__name__}, expected a float"
    return float(got)


shift = np.array([[1.0, 0.0, 3.0], [0.0, 1.0, 4.0], [0.0, 0.0, 1.0]])
what = "corner_error(shift by (3, 4), identity, (512, 512))"
check_close(error_of(shift, np.eye(3), (512, 512), what), 5.0, what=what)
what = "corner_error(diag(2, 2, 1), identity, (101, 201))"
check_close(error_of(np.diag([2.0, 2.0, 1.0]), np.eye(3), (101, 201), what), 130.9017, what=what, atol=1e-3)
### BEGIN HIDDEN TESTS
import cv2


def reference(H_est, H_true, shape):
    h, w = shape[:2]
    c = np.array([[0, 0], [w - 1, 0], [w - 1, h - 1], [0, h - 1]], np.float64).reshape(-1, 1, 2)
    a = cv2.perspectiveTransform(c, np.asarray(H_est, np.float64)).reshape(-1, 2)
    b = cv2.perspectiveTransform(c, np.asarray(H_true, np.float64)).reshape(-1, 2)
    return np.linalg.norm(a - b, axis=1).mean()


rng = np.random.default_rng(11)
H_a = np.array([[0.9, -0.2, 40.0], [0.25, 1.1, -30.0], [8e-4, -6e-4, 1.0]])
H_b = H_a @ np.array([[1.01, 0.02, 1.5], [-0.01, 0.99, -2.0], [2e-5, -1e-5, 1.0]])
cases = [
    (np.diag([2.0, 2.0, 1.0]), np.eye(3), (101, 201), "scale 2, a wide image (101, 201)"),
    (np.diag([2.0, 2.0, 1.0]), np.eye(3), (201, 101), "scale 2, a tall image (201, 101)"),
    (np.diag([2.0, 2.0, 1.0]), np.eye(3), (101, 201, 3), "scale 2, a colour image's shape (101, 201, 3)"),
    (np.diag([1.0, 3.0, 1.0]), np.diag([1.0, 1.0, 1.0]), (50, 300), "a vertical stretch, (50, 300)"),
    (H_b, H_a, (480, 640), "two nearby perspective homographies, (480, 640)"),
    (H_a, np.eye(3), (480, 640), "a perspective homography against the identity, (480, 640)"),
    (5.0 * H_b, -0.5 * H_a, (480, 640), "the same two, multiplied by 5 and by -0.5"),
    (H_a, H_a, (300, 200), "a homography against itself"),
]
for H_e, H_t, shape, label in cases:
    what = f"corner_error({label})"
    # float32 mapping (cv2.perspectiveTransform on float32 points, as in the notebook) is accurate to ~1e-5 px
    check_close(error_of(H_e, H_t, shape, what), reference(H_e, H_t, shape), what=what, atol=1e-4, rtol=1e-5)
what = "corner_error(H_b, H_a) vs corner_error(H_a, H_b)"
check_close(error_of(H_a, H_b, (480, 640), what), reference(H_b, H_a, (480, 640)), what=what, atol=1e-4, rtol=1e-5)
### END HIDDEN TESTS

# %% [markdown]
# ### How precise is the ratio test, and how many matches does it keep?
#
# A stricter ratio keeps fewer matches but more of them are right; a looser one keeps
# more, and more of them are wrong. The cell below measures both, with your two
# functions, for ratios from 0.50 to 0.95. With OpenCV 5.0 on this pair: about 470
# matches with precision 0.998 at 0.50, 520 with 0.990 at 0.75, and 780 with only 0.69
# at 0.95.

# %%
ratios = np.round(np.arange(0.50, 0.951, 0.05), 2)
counts, precisions = [], []
for r in ratios:
    kept = lowe_ratio_filter(knn, ratio=float(r))
    counts.append(len(kept))
    precisions.append(float(match_precision(kp1, kp2, kept, H_true, tol_px=3.0)))
print("ratio  matches  precision")
for r, c, p in zip(ratios, counts, precisions):
    print(f" {r:.2f}  {c:7d}  {p:9.3f}")

fig, ax = plt.subplots(figsize=(7.5, 4.5))
ax.plot(counts, precisions, "o-", color="tab:blue", label="ratio test, ratio 0.50 to 0.95")
for i, (r, c, p) in enumerate(zip(ratios, counts, precisions)):
    ax.annotate(f"{r:.2f}", (c, p), textcoords="offset points", xytext=(0, 7 if i % 2 else -13), fontsize=8,
                ha="center")
lowe = int(np.argmin(np.abs(ratios - 0.75)))
ax.plot(counts[lowe], precisions[lowe], "*", color="tab:red", markersize=15, label="ratio 0.75")
ax.set_xlabel("number of matches kept")
ax.set_ylabel("precision (share within 3 px of the truth)")
ax.set_title("Ratio test: more matches, lower precision")
ax.legend()
fig.tight_layout()

# %% [markdown]
# Here are 80 of the matches at ratio 0.90, where enough are wrong to see them:
# green where `match_precision` confirms the match (a match checked alone has
# precision 1 or 0), red where it does not.

# %%
loose = lowe_ratio_filter(knn, ratio=0.9)
sample = loose[::max(1, len(loose) // 80)][:80]
right = [m for m in sample if match_precision(kp1, kp2, [m], H_true) == 1.0]
wrong = [m for m in sample if match_precision(kp1, kp2, [m], H_true) < 1.0]
canvas = cv2.drawMatches(img1, kp1, img2, kp2, right, None, matchColor=(0, 200, 0),
                         flags=cv2.DrawMatchesFlags_NOT_DRAW_SINGLE_POINTS)
canvas = cv2.drawMatches(img1, kp1, img2, kp2, wrong, canvas, matchColor=(0, 0, 255),
                         flags=cv2.DrawMatchesFlags_NOT_DRAW_SINGLE_POINTS | cv2.DrawMatchesFlags_DRAW_OVER_OUTIMG)
fig, ax = plt.subplots(figsize=(12, 6.3))
ax.imshow(cv2.cvtColor(canvas, cv2.COLOR_BGR2RGB))
ax.set_title(f"{len(sample)} matches at ratio 0.90: {len(right)} confirmed by H, {len(wrong)} not")
ax.set_xlabel("x (pixels; img1 left, img2 right)")
ax.set_ylabel("y (pixels)")
ax.legend(handles=[Line2D([], [], color="green", label="within 3 px of the truth"),
                   Line2D([], [], color="red", label="wrong match")], loc="lower center")
fig.tight_layout()

# %% [markdown]
# ### RANSAC: a homography from matches that include mistakes
#
# If we did not know $H$, we would estimate it from the matches. Four correct matches
# determine a homography; least squares over all matches is ruined by the wrong ones.
# **RANSAC** (random sample consensus) repeats: pick 4 matches at random, fit $H$, count
# the matches it maps to within a threshold (the *inliers*); keep the $H$ with the most
# inliers and refit it on them. `cv2.findHomography(src, dst, cv2.RANSAC, 3.0)` does
# this (source and destination points as float32 arrays of shape (N, 1, 2)) and returns
# the estimate and a mask of the inliers. `corner_error` tells how far it is from the
# truth. Least squares on every match (`method=0`) is shown for comparison, at ratio
# 0.75 and at ratio 0.95, where about a third of the matches are wrong.

# %%
cv2.setRNGSeed(0)  # RANSAC draws random samples: the same seed gives the same estimate
print(f"{'ratio':>5} {'matches':>8} {'inliers':>8} {'RANSAC error':>13} {'least squares error':>20}")
estimates = {}
for r in (0.75, 0.95):
    kept = lowe_ratio_filter(knn, ratio=r)
    src = np.float32([kp1[m.queryIdx].pt for m in kept]).reshape(-1, 1, 2)
    dst = np.float32([kp2[m.trainIdx].pt for m in kept]).reshape(-1, 1, 2)
    H_ransac, inliers = cv2.findHomography(src, dst, cv2.RANSAC, 3.0)
    H_lsq, _ = cv2.findHomography(src, dst, 0)
    estimates[r] = (H_ransac, H_lsq)
    print(f"{r:5.2f} {len(kept):8d} {int(inliers.sum()):8d} {corner_error(H_ransac, H_true, img1.shape):10.2f} px "
          f"{corner_error(H_lsq, H_true, img1.shape):17.2f} px")

h, w = img1.shape
outline = np.float32([[0, 0], [w - 1, 0], [w - 1, h - 1], [0, h - 1], [0, 0]]).reshape(-1, 1, 2)
fig, ax = plt.subplots(figsize=(6.5, 6.5))
ax.imshow(img2, cmap="gray", vmin=0, vmax=255)
for H_shown, style, label in [(H_true, "g-", "true H"), (estimates[0.95][0], "c--", "RANSAC, ratio 0.95"),
                              (estimates[0.95][1], "r:", "least squares, ratio 0.95")]:
    corners = cv2.perspectiveTransform(outline, H_shown).reshape(-1, 2)
    ax.plot(corners[:, 0], corners[:, 1], style, linewidth=2, label=label)
ax.set_xlim(-60, w + 60)
ax.set_ylim(h + 60, -60)
ax.set_title("The border of img1 mapped into img2")
ax.set_xlabel("x (column, pixels)")
ax.set_ylabel("y (row, pixels)")
ax.legend(loc="lower right")
fig.tight_layout()

# %% [markdown]
# ## Part D: a differentiable scale space (5 + 7 + 3 points)
#
# From here on we rebuild SIFT's stages in PyTorch, to see which of them a gradient
# can pass through. SIFT finds blobs at every size by blurring the image with
# Gaussians of growing width $\sigma$,
#
# $$L(x, y, \sigma) = G_\sigma * I, \qquad G_\sigma(x, y) \propto e^{-(x^2 + y^2) / (2\sigma^2)},$$
#
# and subtracting neighbouring levels: the **difference of Gaussians** (DoG)
# $D = L(k\sigma) - L(\sigma)$ responds most strongly to blobs whose size matches
# $\sigma$ (it approximates the scale-normalised Laplacian,
# $G_{k\sigma} - G_\sigma \approx (k - 1)\,\sigma^2 \nabla^2 G_\sigma$). Lowe used
# $\sigma_0 = 1.6$ and $k = 2^{1/3}$, three levels per doubling of $\sigma$.
#
# Both steps are **linear** in the image: a convolution with fixed weights (exactly what
# a convolutional layer computes) and a subtraction. So both pass gradients back: the
# gradient of a blur is a blur with the flipped kernel, which for a Gaussian is the
# same kernel, and $\partial D / \partial L(k\sigma) = 1$,
# $\partial D / \partial L(\sigma) = -1$.
#
# ### `gaussian_kernel(sigma, radius=None)`
#
# The kernel on the $(2r + 1) \times (2r + 1)$ grid of offsets $-r \dots r$:
#
# $$G[i, j] = \frac{e^{-((i - r)^2 + (j - r)^2) / (2\sigma^2)}}{\sum_{a, b} e^{-((a - r)^2 + (b - r)^2) / (2\sigma^2)}},
# \qquad 0 \le i, j \le 2r,$$
#
# normalised so that **its entries sum to 1** on the grid (the continuous factor
# $1 / (2\pi\sigma^2)$ does not do that: a truncated grid holds a little less than the
# whole bell). The radius defaults to $r = \lceil 3\sigma \rceil$ (3σ on each side
# holds 99.7 % of a 1-D Gaussian; round **up**). The 2-D kernel is the outer product
# $g g^\top$ of the normalised 1-D kernel $g$, which is what OpenCV's
# `cv2.getGaussianKernel(2r + 1, sigma)` returns.
#
# * **in:** `sigma`, a positive Python float; `radius`, a non-negative int or `None`.
# * **out:** a `torch.float64` tensor of shape (2r + 1, 2r + 1).
#
# **Worked example.** $\sigma = 1$: $r = 3$, and the 1-D weights
# $e^{-i^2/2}$ for $i = -3 \dots 3$ are $0.0111, 0.1353, 0.6065, 1, 0.6065, 0.1353, 0.0111$,
# which sum to 2.5059. The normalised 1-D centre is $1 / 2.5059 = 0.3991$ and the 2-D
# centre $0.3991^2 = 0.1592$. For $\sigma = 1.5$, $r = \lceil 4.5 \rceil = 5$: an 11×11 kernel.

# %% answer id=gaussian_kernel
def gaussian_kernel(sigma: float, radius: int | None = None) -> torch.Tensor:
    """2-D Gaussian kernel (2r+1, 2r+1), float64, summing to 1; r = ceil(3 * sigma) unless given."""
    ### BEGIN SOLUTION
    r = math.ceil(3 * sigma) if radius is None else int(radius)
    offsets = torch.arange(-r, r + 1, dtype=torch.float64)
    g = torch.exp(-offsets**2 / (2 * sigma**2))
    g = g / g.sum()
    return torch.outer(g, g)
    ### END SOLUTION

# %% test id=gaussian_kernel_correct points=5
"""gaussian_kernel: the worked example; shape (2r+1, 2r+1) with r = ceil(3 sigma), float64, sum 1, equal to OpenCV's"""
from course_utils import check_plain
import math
import warnings

import torch
from course_utils import check_close, check_shape, check_type


def quiet(fn, *args, **kwargs):
    """fn(*args, **kwargs) with warnings silenced: nbgrader scores a cell that writes to stderr 0."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return fn(*args, **kwargs)


got = quiet(gaussian_kernel, 1.0)
check_plain(got)
check_type(got, torch.Tensor, what="gaussian_kernel(1.0)")
check_shape(got, (7, 7), what="gaussian_kernel(1.0)")
check_close(got.sum(), 1.0, what="gaussian_kernel(1.0).sum()")
check_close(got[3, 3], 0.159241, atol=1e-6, what="gaussian_kernel(1.0)[3, 3] (the centre)")
### BEGIN HIDDEN TESTS
import cv2
import numpy as np

for sigma, radius in [(1.0, None), (0.5, None), (0.8, None), (1.5, None), (1.6, None), (2.3, None), (3.2, None),
                      (1.002, None), (0.335, None), (2.0, 2), (1.0, 0), (0.7, 5), (1.5, 4)]:
    what = f"gaussian_kernel({sigma})" if radius is None else f"gaussian_kernel({sigma}, radius={radius})"
    got = quiet(gaussian_kernel, sigma) if radius is None else quiet(gaussian_kernel, sigma, radius=radius)
    r = math.ceil(3 * sigma) if radius is None else radius
    check_type(got, torch.Tensor, what=what)
    check_shape(got, (2 * r + 1, 2 * r + 1), what=f"{what} (r = {'ceil(3 sigma) = ' if radius is None else ''}{r})")
    assert got.dtype == torch.float64, f"{what}: got dtype {got.dtype}, expected torch.float64"
    check_close(got.sum(), 1.0, atol=1e-12, what=f"{what}.sum()")
    g = cv2.getGaussianKernel(2 * r + 1, sigma, ktype=cv2.CV_64F)
    check_close(got, np.outer(g, g), atol=1e-12, rtol=1e-9,
                what=f"{what} vs outer(cv2.getGaussianKernel({2 * r + 1}, {sigma}))")
### END HIDDEN TESTS

# %% [markdown]
# ### `difference_of_gaussians(img, sigmas)`
#
# * **in:** `img`, a 2-D float tensor (H, W), float32 or float64; `sigmas`, a list or
#   tuple of $n \ge 2$ increasing positive floats.
# * **out:** a tensor (n − 1, H, W) of `img`'s dtype (and device), with
#   `D[i]` $= L(\sigma_{i+1}) - L(\sigma_i)$.
# * Blur `img` itself for every level (not the previous level) with
#   `gaussian_kernel(sigma)` at its default radius $r$: pad $r$ pixels on every side with
#   `F.pad(x, (r, r, r, r), mode="reflect")` (it wants a batch: `img[None, None]`, of
#   shape (1, 1, H, W)), then `F.conv2d` with the kernel as a (1, 1, 2r + 1, 2r + 1)
#   weight; the result has the image's size.
# * Only torch operations, so that it is differentiable (a hidden test runs
#   `torch.autograd.gradcheck`).
#
# Reflect padding mirrors the image without repeating its edge pixel
# (`... x2 x1 | x0 x1 x2 ...`), which is OpenCV's default border, `BORDER_REFLECT_101`.
# So every level equals `cv2.GaussianBlur(img, (2r + 1, 2r + 1), sigma)` on the whole
# image, borders included (zero padding would darken the border). Reflect padding needs
# $r < H$ and $r < W$; the tests respect that.
#
# **Worked example.** A 21×21 image of zeros with a single 1.0 at the centre, `sigmas =
# (1, 2)`: blurring spreads the dot into the kernel itself, so $L(\sigma)$ at the centre is
# the kernel's centre weight, 0.1592 for $\sigma = 1$ and 0.0399 for $\sigma = 2$. The
# result has shape (1, 21, 21) and `D[0, 10, 10]` $= 0.0399 - 0.1592 = -0.1194$: a bright
# dot gives a *negative* DoG at its centre (a wider blur lowers the peak), ringed by a
# positive halo.

# %% answer id=difference_of_gaussians
def difference_of_gaussians(img: torch.Tensor, sigmas) -> torch.Tensor:
    """DoG stack (len(sigmas) - 1, H, W) of a 2-D float image: D[i] = L(sigmas[i+1]) - L(sigmas[i]),
    each L a Gaussian blur of img with reflect padding (= OpenCV's BORDER_REFLECT_101)."""
    ### BEGIN SOLUTION
    levels = []
    for sigma in sigmas:
        kernel = gaussian_kernel(sigma).to(dtype=img.dtype, device=img.device)
        r = kernel.shape[0] // 2
        padded = F.pad(img[None, None], (r, r, r, r), mode="reflect")
        levels.append(F.conv2d(padded, kernel[None, None])[0, 0])
    return torch.stack([finer - coarser for coarser, finer in zip(levels, levels[1:])])
    ### END SOLUTION

# %% test id=dog_matches_opencv points=7
"""difference_of_gaussians: the worked example; shape (n - 1, H, W); equal to differences of cv2.GaussianBlur, borders included"""
from course_utils import check_plain
import math
import warnings

import cv2
import numpy as np
import torch
from course_utils import check_close, check_shape


def quiet(fn, *args, **kwargs):
    """fn(*args, **kwargs) with warnings silenced: nbgrader scores a cell that writes to stderr 0."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return fn(*args, **kwargs)


dot = torch.zeros(21, 21, dtype=torch.float64)
dot[10, 10] = 1.0
got = quiet(difference_of_gaussians, dot, (1.0, 2.0))
check_plain(got)
check_shape(got, (1, 21, 21), what="difference_of_gaussians(dot (21, 21), (1, 2))")
check_close(got[0, 10, 10], -0.119371, atol=1e-6, what="difference_of_gaussians(dot (21, 21), (1, 2))[0, 10, 10]")
### BEGIN HIDDEN TESTS
import warnings

from course_utils import load_image


def opencv_dog(image, sigmas):
    levels = []
    for s in sigmas:
        r = math.ceil(3 * s)
        levels.append(cv2.GaussianBlur(image, (2 * r + 1, 2 * r + 1), s, sigmaY=s, borderType=cv2.BORDER_REFLECT_101))
    return np.stack([b - a for a, b in zip(levels, levels[1:])])


photo = load_image("camera", size=(48, 64))
rng = np.random.default_rng(4)
cases = [
    (photo, (1.0, 1.6, 2.56, 4.1), "a photograph (48, 64) in float64, 4 sigmas"),
    (rng.random((17, 23)), [0.7, 1.1, 1.9], "random (17, 23) in float64, sigmas as a list"),
    (photo[:20, :30], (1.2, 2.4), "a photograph crop (20, 30), 2 sigmas"),
    (rng.random((23, 17)).T, (0.5, 0.9, 1.3), "a transposed (non-contiguous) random image (17, 23)"),
]
for image, sigmas, label in cases:
    img = torch.from_numpy(image) if image.flags.c_contiguous else torch.from_numpy(image.T.copy()).T
    before = img.clone()
    what = f"difference_of_gaussians({label})"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        got = quiet(difference_of_gaussians, img, sigmas)
        check_plain(got)
    expected = opencv_dog(np.ascontiguousarray(image, dtype=np.float64), sigmas)
    check_shape(got, expected.shape, what=what)
    assert got.dtype == torch.float64, f"{what}: got dtype {got.dtype}, expected torch.float64 (the image's dtype)"
    for i in range(len(sigmas) - 1):
        check_close(got[i], expected[i], atol=1e-9, rtol=1e-7,
                    what=f"{what}[{i}] = L({sigmas[i + 1]}) - L({sigmas[i]}), vs cv2.GaussianBlur (BORDER_REFLECT_101)")
    assert torch.equal(img, before), f"{what} changed its input"
# float32 in, float32 out.
image = photo.astype(np.float32)
what = "difference_of_gaussians(a photograph (48, 64) in float32, (1.0, 1.6, 2.56))"
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    got = quiet(difference_of_gaussians, torch.from_numpy(image), (1.0, 1.6, 2.56))
    check_plain(got)
assert isinstance(got, torch.Tensor) and got.dtype == torch.float32, \
    f"{what}: got {getattr(got, 'dtype', type(got).__name__)}, expected a torch.float32 tensor"
check_close(got, opencv_dog(image, (1.0, 1.6, 2.56)), atol=1e-5, rtol=1e-5, what=what)  # float32 rounding: ~2e-6
# On a GPU: torch operations on img's device, the result on that device (SimulatedCuda applies CUDA's rules).
from course_utils import SimulatedCuda

crop = photo[:20, :30].copy()
expected = opencv_dog(crop, (1.2, 2.4))
what = "difference_of_gaussians(a photograph crop (20, 30) on the GPU, (1.2, 2.4))"
with SimulatedCuda(), warnings.catch_warnings():
    warnings.simplefilter("ignore")
    try:
        got = quiet(difference_of_gaussians, torch.from_numpy(crop).to("cuda"), (1.2, 2.4))
        check_plain(got)
    except Exception as error:  # noqa: BLE001 - a device bug is a failed check
        raise AssertionError(f"{what} raised {type(error).__name__}: {error}; build the kernels on img.device "
                             f"and use torch operations only") from None
    assert got.device.type == "cuda", f"{what}: the result is on {got.device}, expected img's device (cuda)"
    got = got.cpu()
    check_plain(got)
check_close(got, expected, atol=1e-9, rtol=1e-7, what=what)
### END HIDDEN TESTS

# %% test id=dog_gradcheck points=3
"""difference_of_gaussians is differentiable: torch.autograd.gradcheck passes on small float64 images"""
import warnings

import torch


def quiet(fn, *args, **kwargs):
    """fn(*args, **kwargs) with warnings silenced: nbgrader scores a cell that writes to stderr 0."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return fn(*args, **kwargs)


def passes_gradcheck(shape, sigmas, seed):
    img = torch.rand(*shape, generator=torch.Generator().manual_seed(seed), dtype=torch.float64, requires_grad=True)
    what = f"difference_of_gaussians(img {shape} with requires_grad=True, {sigmas})"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        out = quiet(difference_of_gaussians, img, sigmas)
        assert isinstance(out, torch.Tensor) and out.requires_grad, \
            (f"{what}: the result does not require grad; compute it with torch operations only "
             f"(no NumPy, no OpenCV, no .detach(), no torch.tensor(...) of an intermediate)")
        try:
            ok = torch.autograd.gradcheck(lambda x: quiet(difference_of_gaussians, x, sigmas), (img,),
                                          raise_exception=False)
        except Exception as error:  # noqa: BLE001 - report any failure as a failed check
            raise AssertionError(f"{what}: torch.autograd.gradcheck raised {type(error).__name__}: {error}") from None
    assert ok, f"{what}: torch.autograd.gradcheck failed (autograd's gradient differs from finite differences)"


passes_gradcheck((7, 8), (0.5, 0.8, 1.2), seed=0)
### BEGIN HIDDEN TESTS
passes_gradcheck((6, 9), (0.6, 1.0, 1.4, 1.6), seed=1)
passes_gradcheck((10, 5), (0.4, 1.3), seed=2)
### END HIDDEN TESTS

# %% [markdown]
# The DoG of the photograph (downsampled to 256×256, values in [0, 1]) at SIFT's
# scales $\sigma = 1.6 \cdot 2^{i/3}$, $i = 0 \dots 4$: blobs light up at the level whose
# size they match, dark blobs positive, bright blobs negative. The cell also checks the
# levels against OpenCV.

# %%
small = cv2.resize(img1, (256, 256), interpolation=cv2.INTER_AREA).astype(np.float32) / 255.0
k_step = 2 ** (1 / 3)
sift_sigmas = [1.6 * k_step**i for i in range(5)]
start = time.perf_counter()
dog = difference_of_gaussians(torch.from_numpy(small), sift_sigmas)
print(f"DoG stack {tuple(dog.shape)} {dog.dtype} in {time.perf_counter() - start:.2f} s")
blurs = [cv2.GaussianBlur(small, (2 * math.ceil(3 * s) + 1,) * 2, s) for s in sift_sigmas]
worst = max(float(np.abs(dog[i].numpy() - (blurs[i + 1] - blurs[i])).max()) for i in range(len(sift_sigmas) - 1))
print(f"largest difference from cv2.GaussianBlur differences: {worst:.2e}")

fig, axes = plt.subplots(1, 4, figsize=(16, 4.3))
for i, ax in enumerate(axes):
    limit = float(dog[i].abs().max())
    shown = ax.imshow(dog[i].numpy(), cmap="RdBu_r", vmin=-limit, vmax=limit)
    ax.set_title(f"D[{i}] = L({sift_sigmas[i + 1]:.2f}) - L({sift_sigmas[i]:.2f})")
    ax.set_xlabel("x (pixels)")
    ax.set_ylabel("y (pixels)")
    fig.colorbar(shown, ax=ax, fraction=0.046, pad=0.04)
fig.suptitle("Difference of Gaussians of the photograph (256 x 256) at SIFT's scales")
fig.tight_layout()

# %% [markdown]
# Because the DoG is linear, the gradient of one of its pixels with respect to the
# image is a fixed pattern: the difference of the two Gaussian kernels, centred on that
# pixel. Autograd finds exactly that.

# %%
probe = torch.zeros(41, 41, dtype=torch.float64, requires_grad=True)
difference_of_gaussians(probe, (2.0, 3.0))[0, 20, 20].backward()
kernel_difference = gaussian_kernel(3.0) - F.pad(gaussian_kernel(2.0), (3, 3, 3, 3))  # both 19 x 19
fig, axes = plt.subplots(1, 2, figsize=(11, 4.2))
limit = float(probe.grad.abs().max())
shown = axes[0].imshow(probe.grad.numpy(), cmap="RdBu_r", vmin=-limit, vmax=limit)
fig.colorbar(shown, ax=axes[0], fraction=0.046, pad=0.04)
axes[0].set_title("d D[0, 20, 20] / d image (autograd)")
axes[0].set_xlabel("x (pixels)")
axes[0].set_ylabel("y (pixels)")
axes[1].plot(np.arange(41) - 20, probe.grad[20].numpy(), "o", label="autograd, row 20")
axes[1].plot(np.arange(19) - 9, kernel_difference[9].numpy(), "-", label="G(3) - G(2), centre row")
axes[1].set_title("The gradient is the difference of the two kernels")
axes[1].set_xlabel("offset from the pixel (pixels)")
axes[1].set_ylabel("gradient")
axes[1].legend()
fig.tight_layout()

# %% [markdown]
# ## Part E: a differentiable extremum (10 points)
#
# A SIFT keypoint is a local extremum of the DoG in space **and** scale: a sample larger
# (or smaller) than all 26 neighbours of its 3×3×3 neighbourhood, 8 in its own level and
# 9 each in the levels above and below. Lowe then refines its position to a fraction of
# a pixel by fitting a quadratic through the neighbourhood,
# $\Delta = -\mathbf{H}^{-1} \nabla D$ (the 3×3 Hessian and the gradient of $D$ in
# $(x, y, \sigma)$), moving to the neighbour and refitting if any
# $|\Delta_i| > 0.5$.
#
# The comparison with 26 neighbours is a hard decision. A small change of $D$ either
# changes nothing or makes the maximum jump to another sample: as a function of $D$,
# the position is piecewise constant, its gradient 0 almost everywhere and undefined
# at ties. Nothing can be learned through it. The usual relaxation is the
# **soft-argmax**: weight each of the 27 samples by
#
# $$p_k = \frac{e^{\beta v_k}}{\sum_{j} e^{\beta v_j}} \quad (\text{softmax of } \beta v),
# \qquad \text{offset} = \sum_k p_k\, o_k,$$
#
# where $o_k \in \{-1, 0, 1\}^3$ is sample $k$'s offset from the centre. For $\beta = 0$
# all weights are equal and the offset is $(0, 0, 0)$; as $\beta$ grows the weights
# concentrate on the largest sample and the offset tends to the hard argmax; in between
# it is a smooth, sub-pixel position.
#
# Write `soft_argmax_3d(volume, beta)`:
#
# * **in:** `volume`, a float tensor of shape (3, 3, 3) indexed `[s, y, x]` (it may be a
#   non-contiguous view); `beta`, a Python float $\ge 0$.
# * **out:** a float tensor of shape (3,), the offset **in the order (ds, dy, dx)**:
#   $ds = \sum p[s, y, x]\,(s - 1)$, $dy = \sum p[s, y, x]\,(y - 1)$,
#   $dx = \sum p[s, y, x]\,(x - 1)$, each in $[-1, 1]$, with $p$ the softmax of
#   `beta * volume` over **all 27** entries.
# * Differentiable with respect to `volume` (torch operations, nothing detached).
# * **Numerically stable:** `beta = 1e4` on values around 100 makes $\beta v \approx 10^6$,
#   and $e^{10^6}$ is `inf` even in float64; your answer must still be finite and equal to
#   the hard argmax. Since softmax$(z)$ = softmax$(z - \max z)$, subtract the maximum first
#   (`torch.softmax` does it for you).
# * Leave the input unchanged.
#
# **Worked example.** `volume` all zeros except `volume[1, 1, 2]` $= \ln 3$, $\beta = 1$:
# $e^{\beta v}$ is 3 for that sample and 1 for the 26 others, 29 in all. The nine samples
# with $x$-offset $+1$ weigh $8 + 3 = 11$ and the nine with $-1$ weigh 9, so
# $dx = (11 - 9) / 29 = 2/29 \approx 0.0690$, and $ds = dy = 0$ by symmetry: the answer is
# $(0, 0, 0.0690)$.

# %% answer id=soft_argmax_3d
def soft_argmax_3d(volume: torch.Tensor, beta: float) -> torch.Tensor:
    """Expected offset (ds, dy, dx) in {-1, 0, 1}^3 under softmax(beta * volume) over a (3, 3, 3) volume [s, y, x]."""
    ### BEGIN SOLUTION
    weights = torch.softmax(beta * volume.reshape(-1), dim=0).reshape(3, 3, 3)
    offsets = torch.tensor([-1.0, 0.0, 1.0], dtype=volume.dtype, device=volume.device)
    ds = (weights.sum(dim=(1, 2)) * offsets).sum()
    dy = (weights.sum(dim=(0, 2)) * offsets).sum()
    dx = (weights.sum(dim=(0, 1)) * offsets).sum()
    return torch.stack([ds, dy, dx])
    ### END SOLUTION

# %% test id=soft_argmax_3d_correct points=10
"""soft_argmax_3d: the worked example, the axis order, large beta (stable, tends to the argmax), gradients"""
from course_utils import check_plain
import math
import warnings

import torch
from course_utils import check_close, check_shape, check_type


def quiet(fn, *args, **kwargs):
    """fn(*args, **kwargs) with warnings silenced: nbgrader scores a cell that writes to stderr 0."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return fn(*args, **kwargs)


def soft(volume, beta, what):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        got = quiet(soft_argmax_3d, volume, beta)
        check_plain(got)
    check_type(got, torch.Tensor, what=what)
    check_shape(got, (3,), what=what)
    return got


volume = torch.zeros(3, 3, 3, dtype=torch.float64)
volume[1, 1, 2] = math.log(3.0)
check_close(soft(volume, 1.0, "soft_argmax_3d(worked example)"), [0.0, 0.0, 2 / 29], atol=1e-6,
            what="soft_argmax_3d(worked example, beta=1)")
peak = torch.zeros(3, 3, 3)
peak[2, 0, 1] = 1.0
check_close(soft(peak, 50.0, "soft_argmax_3d(peak at [2, 0, 1], beta=50)"), [1.0, -1.0, 0.0], atol=1e-6,
            what="soft_argmax_3d(a single peak at [s, y, x] = [2, 0, 1], beta=50) (order: ds, dy, dx)")
### BEGIN HIDDEN TESTS
import itertools


def reference(volume, beta):
    p = torch.softmax(beta * volume.reshape(-1).double(), dim=0)
    grid = torch.tensor(list(itertools.product((-1.0, 0.0, 1.0), repeat=3)), dtype=torch.float64)
    return p @ grid


g = torch.Generator().manual_seed(0)
# Every axis in its place.
for s, y, x in [(0, 1, 2), (2, 2, 0), (1, 0, 0), (0, 2, 1), (1, 1, 1)]:
    vol = torch.randn(3, 3, 3, generator=g, dtype=torch.float64) * 0.1
    vol[s, y, x] = 3.0
    what = f"soft_argmax_3d(peak at [s, y, x] = [{s}, {y}, {x}], beta=40)"
    check_close(soft(vol, 40.0, what), [s - 1.0, y - 1.0, x - 1.0], atol=1e-6, what=what + " (order: ds, dy, dx)")
# The formula at moderate beta, on random volumes; beta = 0 gives the centre.
for beta in (0.3, 1.0, 4.0, 0.0):
    vol = torch.randn(3, 3, 3, generator=g, dtype=torch.float64)
    what = f"soft_argmax_3d(random volume, beta={beta})"
    check_close(soft(vol, beta, what), reference(vol, beta), atol=1e-10, rtol=1e-9, what=what)
# A non-contiguous view, and the input left unchanged.
base = torch.randn(3, 3, 3, generator=g, dtype=torch.float64)
view = base.permute(2, 0, 1)
before = view.clone()
what = "soft_argmax_3d(a permuted (non-contiguous) view, beta=2)"
check_close(soft(view, 2.0, what), reference(view, 2.0), atol=1e-10, what=what)
assert torch.equal(view, before), "soft_argmax_3d(volume, beta) changed its input"
# Stable for large beta: values around 100, beta = 1e4, float32 and float64; tends to the hard argmax.
for dtype in (torch.float32, torch.float64):
    for sign in (1.0, -1.0):
        vol = (sign * 100.0 + torch.randn(3, 3, 3, generator=g, dtype=torch.float64) * 0.5).to(dtype)
        flat = vol.double().reshape(-1)
        top2 = flat.topk(2).values
        if float(top2[0] - top2[1]) < 0.05:
            vol.view(-1)[int(flat.argmax())] += 0.1
        s, y, x = [int(i) for i in torch.unravel_index(vol.reshape(-1).argmax(), (3, 3, 3))]
        what = f"soft_argmax_3d(values around {sign * 100:.0f}, {dtype}, beta=1e4)"
        got = soft(vol, 1e4, what)
        check_plain(got)
        assert torch.isfinite(got).all(), \
            (f"{what}: got {got.tolist()}: overflow; subtract the maximum of beta * volume before exp "
             f"(or use torch.softmax)")
        check_close(got, [s - 1.0, y - 1.0, x - 1.0], atol=1e-4, what=what + " (the hard argmax)")
# Differentiable, with the softmax's gradient.
vol = torch.randn(3, 3, 3, generator=g, dtype=torch.float64, requires_grad=True)
what = "soft_argmax_3d(random float64 volume with requires_grad=True, beta=2)"
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    out = quiet(soft_argmax_3d, vol, 2.0)
assert isinstance(out, torch.Tensor) and out.requires_grad, \
    f"{what}: the result does not require grad; use torch operations only (no argmax, no .item(), no .detach())"
rows = [torch.autograd.grad(out[i], vol, retain_graph=True, allow_unused=True)[0] for i in range(3)]
assert all(row is not None for row in rows), f"{what}: the result does not depend on the volume through autograd"
jacobian = torch.stack(rows)
expected = torch.autograd.functional.jacobian(lambda v: reference(v, 2.0), vol.detach())
check_close(jacobian, expected, atol=1e-9, what=f"d {what} / d volume")
assert float(jacobian.abs().sum()) > 1e-3, f"{what}: the gradient is zero"
vol32 = (100.0 + torch.randn(3, 3, 3, generator=g) * 0.5).requires_grad_()
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    out = quiet(soft_argmax_3d, vol32, 1e4)
    assert out.requires_grad, "soft_argmax_3d(float32 volume around 100 with requires_grad=True, beta=1e4): no grad"
    grad = torch.autograd.grad(out.sum(), vol32)[0]
assert torch.isfinite(grad).all(), \
    "soft_argmax_3d(float32 volume around 100, beta=1e4): the gradient is not finite (overflow in exp)"
### END HIDDEN TESTS

# %% [markdown]
# On the photograph's DoG: the cell finds the strongest local maximum of the stack (a
# sample equal to the maximum of its 3×3×3 neighbourhood, found with
# `F.max_pool3d`) and follows its soft-argmax offset as $\beta$ grows. Small $\beta$
# averages the whole neighbourhood; large $\beta$ snaps to the centre, the hard argmax.
# In between, the soft offset leans towards the larger neighbours, as Lowe's quadratic
# fit (dashed) does, although it is a different estimate and need not agree with it.

# %%
pooled = F.max_pool3d(dog[None, None], kernel_size=3, stride=1, padding=1)[0, 0]
is_peak = dog == pooled
is_peak[[0, -1]] = False  # a 3 x 3 x 3 neighbourhood needs a level above and below
is_peak[:, [0, -1]] = False
is_peak[:, :, [0, -1]] = False
print(f"{int(is_peak.sum())} local maxima in the DoG stack (SIFT also uses minima, then thresholds them)")
flat_index = int(torch.where(is_peak, dog, torch.tensor(-np.inf)).argmax())
s0, y0, x0 = (int(i) for i in np.unravel_index(flat_index, dog.shape))
neighbourhood = dog[s0 - 1:s0 + 2, y0 - 1:y0 + 2, x0 - 1:x0 + 2].double()
print(f"strongest maximum: level {s0}, (x, y) = ({x0}, {y0}) in the 256 x 256 image, D = {float(dog[s0, y0, x0]):.4f}")

# Lowe's refinement: gradient and Hessian from central differences, offset = -H^-1 grad.
v = neighbourhood
grad_D = torch.stack([(v[2, 1, 1] - v[0, 1, 1]) / 2, (v[1, 2, 1] - v[1, 0, 1]) / 2, (v[1, 1, 2] - v[1, 1, 0]) / 2])
hess = torch.empty(3, 3, dtype=torch.float64)
unit = torch.eye(3, dtype=torch.long)
for a in range(3):
    for b in range(3):
        if a == b:
            plus, minus = tuple(1 + unit[a]), tuple(1 - unit[a])
            hess[a, a] = v[plus] + v[minus] - 2 * v[1, 1, 1]
        else:
            pp, mm = tuple(1 + unit[a] + unit[b]), tuple(1 - unit[a] - unit[b])
            pm, mp = tuple(1 + unit[a] - unit[b]), tuple(1 - unit[a] + unit[b])
            hess[a, b] = (v[pp] + v[mm] - v[pm] - v[mp]) / 4
quadratic = -torch.linalg.solve(hess, grad_D)
print("Lowe's quadratic offset (ds, dy, dx):", quadratic.numpy())

betas = np.logspace(0, 4, 60)
soft_offsets = np.array([soft_argmax_3d(neighbourhood, float(b)).detach().numpy() for b in betas])
fig, ax = plt.subplots(figsize=(8, 4.5))
for i, (name, colour) in enumerate(zip(("ds", "dy", "dx"), ("tab:green", "tab:orange", "tab:blue"))):
    ax.semilogx(betas, soft_offsets[:, i], color=colour, label=f"soft-argmax {name}")
    ax.axhline(float(quadratic[i]), color=colour, linestyle="--", label=f"quadratic fit {name}")
ax.set_xlabel("beta (inverse temperature)")
ax.set_ylabel("offset from the centre sample")
ax.set_title("Soft-argmax of the strongest DoG maximum: from the average to the hard argmax")
ax.legend(ncol=2, fontsize=8)
fig.tight_layout()

# %% [markdown]
# ## Part F: orientation, and the derivative of `atan2` (7 + 5 points)
#
# Each keypoint gets an orientation, so that its descriptor can be computed in a frame
# that turns with the image. From the blurred level $L$ at the keypoint's scale, SIFT
# takes central differences and turns them into a magnitude and an angle:
#
# $$d_x = L[y, x+1] - L[y, x-1], \quad d_y = L[y+1, x] - L[y-1, x], \quad
# m = \sqrt{d_x^2 + d_y^2}, \quad \theta = \operatorname{atan2}(d_y, d_x).$$
#
# (Not halved, as in Lowe's paper: only directions and ratios of magnitudes matter.)
# A 36-bin histogram of $\theta$ (10° per bin), each pixel weighted by $m$ and by a
# Gaussian window of width $1.5\sigma$ around the keypoint, gives the orientation: the
# highest peak, and every other peak above 80 % of it, each make a keypoint.
#
# ### `gradient_magnitude_orientation(L)`
#
# * **in:** `L`, a 2-D float tensor (H, W) with $H, W \ge 3$.
# * **out:** a tuple `(m, theta)` of tensors, each (H − 2, W − 2): the interior pixels,
#   so `m[i, j]` and `theta[i, j]` belong to `L[i + 1, j + 1]`. `theta` in radians, in
#   $[-\pi, \pi]$ as `torch.atan2` gives it. Rows grow downwards, so $\theta = +\pi/2$
#   points *down* the image.
#
# **Worked example.** `L = [[0, 1, 0], [2, 5, 4], [0, 3, 0]]` has one interior pixel,
# the centre: $d_x = 4 - 2 = 2$, $d_y = 3 - 1 = 2$, so $m = 2\sqrt{2} \approx 2.828$ and
# $\theta = \operatorname{atan2}(2, 2) = \pi/4 \approx 0.785$; both outputs have shape (1, 1).

# %% answer id=gradient_magnitude_orientation
def gradient_magnitude_orientation(L: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """Gradient magnitude and orientation (radians) of the interior of L (H, W), each (H - 2, W - 2),
    from dx = L[y, x+1] - L[y, x-1] and dy = L[y+1, x] - L[y-1, x]."""
    ### BEGIN SOLUTION
    dx = L[1:-1, 2:] - L[1:-1, :-2]
    dy = L[2:, 1:-1] - L[:-2, 1:-1]
    return torch.sqrt(dx**2 + dy**2), torch.atan2(dy, dx)
    ### END SOLUTION

# %% test id=gradient_magnitude_orientation_correct points=7
"""gradient_magnitude_orientation: the worked example; central differences (not halved), atan2(dy, dx), interior shape"""
from course_utils import check_plain
import math
import warnings

import torch
from course_utils import check_close, check_shape, check_type


def quiet(fn, *args, **kwargs):
    """fn(*args, **kwargs) with warnings silenced: nbgrader scores a cell that writes to stderr 0."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return fn(*args, **kwargs)


def run(L, what):
    got = quiet(gradient_magnitude_orientation, L)
    check_plain(got)
    assert isinstance(got, tuple) and len(got) == 2, \
        f"{what}: returned {type(got).__name__}, expected a tuple (m, theta)"
    m, theta = got
    for name, value in (("m", m), ("theta", theta)):
        check_type(value, torch.Tensor, what=f"{what} {name}")
        check_shape(value, (L.shape[0] - 2, L.shape[1] - 2), what=f"{what} {name}")
    return m, theta


L = torch.tensor([[0.0, 1, 0], [2, 5, 4], [0, 3, 0]])
m, theta = run(L, "gradient_magnitude_orientation(worked example)")
check_close(m, [[2 * math.sqrt(2)]], what="gradient_magnitude_orientation(worked example) m")
check_close(theta, [[math.pi / 4]], what="gradient_magnitude_orientation(worked example) theta")
### BEGIN HIDDEN TESTS
import numpy as np


def reference(L):
    L = L.double().numpy()
    dx = L[1:-1, 2:] - L[1:-1, :-2]
    dy = L[2:, 1:-1] - L[:-2, 1:-1]
    return np.hypot(dx, dy), np.arctan2(dy, dx)


def check_angles(theta, expected, what):
    values = theta.detach().double()
    assert float(values.min()) >= -math.pi - 1e-6 and float(values.max()) <= math.pi + 1e-6, \
        (f"{what} theta: values from {float(values.min()):.3f} to {float(values.max()):.3f}, expected radians in "
         f"[-pi, pi] (as torch.atan2 returns them)")
    # cos and sin: +pi and -pi are the same direction
    check_close(torch.cos(values), np.cos(expected), atol=1e-6, what=f"{what} cos(theta)")
    check_close(torch.sin(values), np.sin(expected), atol=1e-6, what=f"{what} sin(theta)")


ys, xs = torch.meshgrid(torch.arange(6.0), torch.arange(7.0), indexing="ij")
ramps = {
    "L = 2x (dx = 4, dy = 0: theta = 0)": 2 * xs,
    "L = -x (dx = -2, dy = 0: theta = pi)": -xs,
    "L = 3y (dy = 6 downwards: theta = pi/2)": 3 * ys,
    "L = -y (theta = -pi/2)": -ys,
    "L = x + 2y": xs + 2 * ys,
}
for label, L in ramps.items():
    what = f"gradient_magnitude_orientation({label})"
    m, theta = run(L, what)
    m_ref, theta_ref = reference(L)
    check_close(m, m_ref, atol=1e-5, what=f"{what} m")
    check_angles(theta, theta_ref, what)

g = torch.Generator().manual_seed(3)
for shape, dtype in [((9, 12), torch.float64), ((6, 5), torch.float32), ((3, 8), torch.float64),
                     ((12, 3), torch.float64)]:
    L = torch.randn(*shape, generator=g, dtype=dtype) * 10
    before = L.clone()
    what = f"gradient_magnitude_orientation(random {shape}, {dtype})"
    m, theta = run(L, what)
    m_ref, theta_ref = reference(L)
    check_close(m, m_ref, atol=1e-4, rtol=1e-5, what=f"{what} m")
    check_angles(theta, theta_ref, what)
    assert torch.equal(L, before), f"{what} changed its input"
# A flat image has no gradient: m is exactly sqrt(0 + 0) = 0.
m, _ = run(torch.full((5, 6), 3.0, dtype=torch.float64), "gradient_magnitude_orientation(a constant image (5, 6))")
check_close(m, torch.zeros(3, 4, dtype=torch.float64), atol=1e-12,
            what="gradient_magnitude_orientation(a constant image (5, 6)) m = sqrt(dx^2 + dy^2)")
### END HIDDEN TESTS

# %% [markdown]
# ### How differentiable is the orientation?
#
# $m$ is differentiable except where $m = 0$ (the square root has an infinite slope
# there). $\theta = \operatorname{atan2}(d_y, d_x)$ is differentiable everywhere except
# at the origin, and it **jumps** by $2\pi$ across the negative $x$-axis (where it
# passes from $+\pi$ to $-\pi$): angles must be compared modulo $2\pi$. Away from those
# places its partial derivatives are
#
# $$\frac{\partial \theta}{\partial d_y} = \frac{d_x}{d_x^2 + d_y^2}, \qquad
# \frac{\partial \theta}{\partial d_x} = \frac{-d_y}{d_x^2 + d_y^2}.$$
#
# (Derive them from $\theta = \arctan(d_y / d_x)$ for $d_x > 0$; the formulas hold for
# every $(d_x, d_y) \ne (0, 0)$, also for $d_x = 0$, where $d_y / d_x$ does not exist.)
#
# Write `atan2_derivatives(dy, dx)`:
#
# * **in:** two float tensors of the same shape, never both zero at the same position.
# * **out:** a tuple `(dtheta_ddy, dtheta_ddx)` of tensors of that shape, **in that
#   order** (the derivative with respect to the first argument of `atan2` first).
# * **Analytic:** write the formulas. The test compares with autograd, and a hidden test
#   calls your function with autograd unavailable. In float64 it must match autograd to
#   a relative 1e-9 at any scale, from gradients of about 1e-5 to very lopsided ones
#   ($|d_y / d_x|$ up to $10^{170}$): no $\varepsilon$, no detour through $d_y / d_x$.
# * Leave the inputs unchanged (no in-place operations on them).
#
# **Worked example.** At $(d_y, d_x) = (1, 1)$: $(1/2, -1/2) = (0.5, -0.5)$. At
# $(0, 2)$: $(2/4, 0) = (0.5, 0)$. At $(3, 0)$: $(0, -3/9) = (0, -0.3333)$.

# %% answer id=atan2_derivatives
def atan2_derivatives(dy: torch.Tensor, dx: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """Analytic partial derivatives (d theta / d dy, d theta / d dx) of theta = atan2(dy, dx)."""
    ### BEGIN SOLUTION
    r2 = dx**2 + dy**2
    return dx / r2, -dy / r2
    ### END SOLUTION

# %% test id=atan2_derivatives_correct points=5
"""atan2_derivatives: the worked examples, then compared with autograd of torch.atan2 (dx = 0 and dx < 0 included)"""
from course_utils import check_plain
import warnings

import torch
from course_utils import check_close


def quiet(fn, *args, **kwargs):
    """fn(*args, **kwargs) with warnings silenced: nbgrader scores a cell that writes to stderr 0."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return fn(*args, **kwargs)


dy = torch.tensor([1.0, 0.0, 3.0], dtype=torch.float64)
dx = torch.tensor([1.0, 2.0, 0.0], dtype=torch.float64)
got = quiet(atan2_derivatives, dy, dx)
check_plain(got)
assert isinstance(got, tuple) and len(got) == 2, \
    f"atan2_derivatives(worked examples): returned {type(got).__name__}, expected a tuple (dtheta_ddy, dtheta_ddx)"
check_close(got[0], [0.5, 0.5, 0.0], what="atan2_derivatives(worked examples)[0] = d theta / d dy")
check_close(got[1], [-0.5, 0.0, -1 / 3], what="atan2_derivatives(worked examples)[1] = d theta / d dx")

g = torch.Generator().manual_seed(0)
dy = torch.randn(20, generator=g, dtype=torch.float64, requires_grad=True)
dx = torch.randn(20, generator=g, dtype=torch.float64, requires_grad=True)
torch.atan2(dy, dx).sum().backward()
got = quiet(atan2_derivatives, dy.detach(), dx.detach())
check_plain(got)
check_close(got[0], dy.grad, atol=1e-9, what="atan2_derivatives(random dy, dx)[0] vs autograd")
check_close(got[1], dx.grad, atol=1e-9, what="atan2_derivatives(random dy, dx)[1] vs autograd")
### BEGIN HIDDEN TESTS
import warnings

from course_utils import forbid

AUTOGRAD = ("torch.autograd.grad", "torch.autograd.backward", "torch.Tensor.backward",
            "torch.autograd.functional.jacobian", "torch.autograd.functional.vjp", "torch.autograd.functional.jvp",
            "torch.func.grad", "torch.func.vjp", "torch.func.jvp", "torch.func.jacrev", "torch.func.jacfwd",
            "torch.func.grad_and_value")
cases = []
base_dy = torch.randn(4, 5, generator=g, dtype=torch.float64) * 3
base_dx = torch.randn(4, 5, generator=g, dtype=torch.float64) * 3
base_dx[0] = 0.0  # a row on the y-axis: dx = 0, dy != 0
base_dx[1] = -base_dx[1].abs()  # a row of negative dx
base_dy[2, :2] = 0.0  # on the x-axis
cases.append((base_dy, base_dx, "2-D (4, 5) with dx = 0, dx < 0 and dy = 0 entries, float64"))
cases.append((base_dy.float(), base_dx.float(), "the same in float32"))
cases.append((torch.tensor([1e-3, -2e-3]), torch.tensor([-4e-3, 0.0]), "small gradients, float32"))
cases.append((torch.tensor([1e-5, -3e-6, 2e-6], dtype=torch.float64), torch.tensor([2e-6, 1e-5, -4e-6], dtype=torch.float64),
              "tiny gradients (about 1e-5), float64"))
cases.append((torch.tensor([1.0, -2.0, 1e-170], dtype=torch.float64), torch.tensor([1e-160, -1e-150, 3.0], dtype=torch.float64),
              "lopsided gradients (|dy / dx| up to 1e170), float64"))
for dy, dx, label in cases:
    dy_ref, dx_ref = dy.double().clone().requires_grad_(), dx.double().clone().requires_grad_()
    torch.atan2(dy_ref, dx_ref).sum().backward()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with torch.no_grad(), forbid(*AUTOGRAD, namespace=globals(),
                                     reason="write the derivatives of atan2 as formulas, not with autograd."):
            dy_in, dx_in = dy.clone(), dx.clone()
            got = quiet(atan2_derivatives, dy_in, dx_in)
            check_plain(got)
    what = f"atan2_derivatives({label})"
    assert torch.equal(dy_in, dy) and torch.equal(dx_in, dx), f"{what} changed its inputs"
    assert isinstance(got, tuple) and len(got) == 2, f"{what}: expected a tuple (dtheta_ddy, dtheta_ddx)"
    atol, rtol = (0.0, 1e-9) if dy.dtype == torch.float64 else (1e-5, 1e-5)
    check_close(got[0], dy_ref.grad, atol=atol, rtol=rtol, what=f"{what}[0] = d theta / d dy vs autograd")
    check_close(got[1], dx_ref.grad, atol=atol, rtol=rtol, what=f"{what}[1] = d theta / d dx vs autograd")
### END HIDDEN TESTS

# %% [markdown]
# The orientation histogram of one keypoint of `img1`, computed with your functions:
# the patch around it is blurred at the keypoint's scale ($\sigma$ = half its size),
# every pixel within $4.5\sigma$ votes for the 10° bin of its $\theta$ with weight
# $m \cdot e^{-d^2 / (2 (1.5\sigma)^2)}$, and OpenCV's orientations for this location are
# marked. (OpenCV interpolates between bins and smooths the histogram, so its peaks
# are a few degrees off the bin centres.) The histogram is differentiable in $m$ but
# not in $\theta$: moving a vote from one bin to the next is a jump. Interpolating
# between neighbouring bins, as the descriptor does, makes it piecewise linear.

# %%
height, width = img1.shape
candidates = [k for k in kp1 if 5 <= k.size <= 12 and 40 < k.pt[0] < width - 40 and 40 < k.pt[1] < height - 40]
key = max(candidates, key=lambda k: k.response)
sigma_key = key.size / 2
reach = round(4.5 * sigma_key)
r_blur = math.ceil(3 * sigma_key)
cx, cy = round(key.pt[0]), round(key.pt[1])
half = reach + 1
patch = torch.tensor(img1[cy - half:cy + half + 1, cx - half:cx + half + 1], dtype=torch.float64)
padded_patch = F.pad(patch[None, None], (r_blur,) * 4, mode="reflect")
blurred = F.conv2d(padded_patch, gaussian_kernel(sigma_key)[None, None])[0, 0]
m_patch, theta_patch = gradient_magnitude_orientation(blurred)
rows, cols = np.mgrid[-reach:reach + 1, -reach:reach + 1]
dist2 = (cols + cx - key.pt[0]) ** 2 + (rows + cy - key.pt[1]) ** 2
votes = m_patch.numpy() * np.exp(-dist2 / (2 * (1.5 * sigma_key) ** 2)) * (dist2 <= reach**2)
degrees = np.degrees(theta_patch.numpy()) % 360
histogram, edges = np.histogram(degrees, bins=36, range=(0, 360), weights=votes)
peaks = [i for i in range(36) if histogram[i] >= 0.8 * histogram.max()
         and histogram[i] >= histogram[i - 1] and histogram[i] >= histogram[(i + 1) % 36]]
same_place = [k.angle for k in kp1 if abs(k.pt[0] - key.pt[0]) < 1e-3 and abs(k.pt[1] - key.pt[1]) < 1e-3]
print(f"keypoint at ({key.pt[0]:.1f}, {key.pt[1]:.1f}), size {key.size:.1f} px: peaks above 80 % at "
      f"{[f'{edges[i] + 5:.0f}' for i in peaks]} degrees; OpenCV's angles here: {[f'{a:.0f}' for a in same_place]}")

fig, ax = plt.subplots(figsize=(8, 4))
ax.bar(edges[:-1] + 5, histogram, width=9, color="tab:blue", label="magnitude-weighted votes")
ax.axhline(0.8 * histogram.max(), color="tab:red", linestyle="--", label="80 % of the highest peak")
for i, angle in enumerate(same_place):
    ax.axvline(angle, color="black", linestyle=":", label="OpenCV's orientation" if i == 0 else None)
ax.set_xlabel("theta (degrees, rows growing downwards)")
ax.set_ylabel("weighted votes")
ax.set_title(f"36-bin orientation histogram of a keypoint of img1 (size {key.size:.1f} px)")
ax.legend()
fig.tight_layout()

# %% [markdown]
# ## Part G: normalising the descriptor, its Jacobian, and a soft clip (6 + 6 + 5 points)
#
# The 128 histogram values $d$ of a descriptor are normalised to unit length, which
# makes them invariant to contrast (multiplying the image by $c$ multiplies every
# gradient, hence $d$, by $c$). Then every entry is **clipped at 0.2**, so that a few
# very large gradients (a highlight, the edge of a 3-D object) cannot dominate, and
# the vector is normalised again:
#
# $$v = \frac{d}{\lVert d \rVert}, \qquad v'_i = \min(v_i, \text{clip}), \qquad
# \text{out} = \frac{v'}{\lVert v' \rVert}.$$
#
# ### `normalize_descriptor(d, clip=0.2)`
#
# * **in:** `d`, a float tensor (..., n) of non-negative values (histogram counts), a
#   single descriptor (n,) or a batch (N, n); along the last axis never all zero.
# * **out:** a tensor of the same shape and dtype; each descriptor (each row of a batch)
#   is normalised on its own, along the last axis.
# * Torch operations only (it must be differentiable). A small epsilon in the norms
#   (at most 1e-8) is allowed, not needed.
#
# **Worked example.** $d = (3, 4)$: $v = (0.6, 0.8)$. With clip 0.2 both entries are
# clipped, $v' = (0.2, 0.2)$, and out $= (0.7071, 0.7071)$. With clip 0.7 only the second
# is: $v' = (0.6, 0.7)$, $\lVert v' \rVert = 0.9220$, out $= (0.6508, 0.7593)$.

# %% answer id=normalize_descriptor
def normalize_descriptor(d: torch.Tensor, clip: float = 0.2) -> torch.Tensor:
    """SIFT's normalisation along the last axis of d (..., n): L2-normalise, clip at `clip`, L2-normalise again."""
    ### BEGIN SOLUTION
    v = d / torch.linalg.vector_norm(d, dim=-1, keepdim=True)
    v = torch.clamp(v, max=clip)
    return v / torch.linalg.vector_norm(v, dim=-1, keepdim=True)
    ### END SOLUTION

# %% test id=normalize_descriptor_correct points=6
"""normalize_descriptor: the worked examples; L2 -> clip -> L2 along the last axis, per row, differentiable"""
from course_utils import check_plain
import warnings

import torch
from course_utils import check_close, check_shape


def quiet(fn, *args, **kwargs):
    """fn(*args, **kwargs) with warnings silenced: nbgrader scores a cell that writes to stderr 0."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return fn(*args, **kwargs)


d = torch.tensor([3.0, 4.0], dtype=torch.float64)
check_close(quiet(normalize_descriptor, d), [0.707107, 0.707107], atol=1e-6, what="normalize_descriptor((3, 4))")
check_close(d, [3.0, 4.0], atol=0, what="d after normalize_descriptor(d) (the input must not change)")
check_close(quiet(normalize_descriptor, d, clip=0.7), [0.650791, 0.759257], atol=1e-6,
            what="normalize_descriptor((3, 4), clip=0.7)")
g = torch.Generator().manual_seed(0)
d = torch.rand(128, generator=g, dtype=torch.float64) * 100
got = quiet(normalize_descriptor, d)
check_plain(got)
check_shape(got, (128,), what="normalize_descriptor(random d (128,))")
check_close(torch.linalg.vector_norm(got), 1.0, what="norm of normalize_descriptor(random d (128,))")
### BEGIN HIDDEN TESTS
import warnings

import numpy as np


def reference(d, clip):
    d = np.asarray(d, dtype=np.float64)
    v = d / np.linalg.norm(d, axis=-1, keepdims=True)
    v = np.minimum(v, clip)
    return v / np.linalg.norm(v, axis=-1, keepdims=True)


def spiky(n, rows, seed):
    """Histogram-like descriptors: small counts plus a few large spikes that the clip must cut."""
    rng = np.random.default_rng(seed)
    d = rng.gamma(1.0, 20.0, size=(rows, n))
    for row in d:
        row[rng.choice(n, 4, replace=False)] += rng.uniform(300, 600, 4)
    return d


cases = [
    (spiky(128, 5, 1), 0.2, "a batch (5, 128) of spiky descriptors, counts up to 600"),
    (spiky(128, 1, 2)[0], 0.2, "one spiky descriptor (128,)"),
    (spiky(16, 3, 3), 0.3, "a batch (3, 16), clip=0.3"),
    (spiky(128, 2, 4), 0.1, "a batch (2, 128), clip=0.1"),
    (np.full((2, 64), 7.0), 0.2, "flat descriptors (2, 64): nothing to clip"),
    (spiky(32, 6, 8).reshape(2, 3, 32), 0.2, "a stack (2, 3, 32) of descriptors: the last axis is the descriptor"),
    (np.vstack([np.full((1, 128), 7.0), spiky(128, 2, 9)]), 0.2,
     "a batch (3, 128) whose first row needs no clipping and whose others do"),
]
for d_np, clip, label in cases:
    d = torch.from_numpy(d_np.copy())
    before = d.clone()
    what = f"normalize_descriptor({label})"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        got = quiet(normalize_descriptor, d) if clip == 0.2 else quiet(normalize_descriptor, d, clip=clip)
    check_shape(got, d.shape, what=what)
    assert got.dtype == d.dtype, f"{what}: got dtype {got.dtype}, expected {d.dtype}"
    check_close(got, reference(d_np, clip), atol=1e-7, rtol=1e-6, what=what)
    assert torch.equal(d, before), f"{what} changed its input"
# Rows are independent: scaling one row changes nothing.
d = torch.from_numpy(spiky(32, 3, 5))
scaled = d.clone()
scaled[1] *= 1000.0
check_close(quiet(normalize_descriptor, scaled), reference(d.numpy(), 0.2), atol=1e-7,
            what="normalize_descriptor(a batch (3, 32) whose row 1 is multiplied by 1000)")
# float32 keeps float32.
d32 = torch.from_numpy(spiky(128, 2, 6).astype(np.float32))
got = quiet(normalize_descriptor, d32)
check_plain(got)
assert got.dtype == torch.float32, f"normalize_descriptor(float32 (2, 128)): got dtype {got.dtype}, expected float32"
check_close(got, reference(d32.numpy(), 0.2), atol=1e-6, what="normalize_descriptor(float32 (2, 128))")
# Differentiable.
d = torch.from_numpy(spiky(16, 2, 7)).requires_grad_()
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    out = quiet(normalize_descriptor, d)
    assert out.requires_grad, ("normalize_descriptor(d with requires_grad=True): the result does not require grad; "
                               "use torch operations only")
    ok = torch.autograd.gradcheck(normalize_descriptor, (d,), raise_exception=False)
assert ok, "normalize_descriptor(spiky (2, 16)): torch.autograd.gradcheck failed"
### END HIDDEN TESTS

# %% [markdown]
# ### `l2_normalize_jacobian(d)`
#
# The clip aside, every step is an L2 normalisation $y = d / \lVert d \rVert$. Its
# Jacobian, with $J_{ij} = \partial y_i / \partial d_j$, is
#
# $$J_{ij} = \frac{\delta_{ij}}{\lVert d \rVert} - \frac{d_i d_j}{\lVert d \rVert^3}
# = \frac{\delta_{ij} \lVert d \rVert^2 - d_i d_j}{\lVert d \rVert^3},
# \qquad\text{i.e.}\qquad J = \frac{I - y y^\top}{\lVert d \rVert}.$$
#
# It is symmetric, and $J d = 0$: stretching $d$ along itself does not change $y$, so
# no gradient flows in that direction (that is what "invariant to contrast" means for
# learning). Write `l2_normalize_jacobian(d)`:
#
# * **in:** `d`, a 1-D float tensor (n,), not zero.
# * **out:** the (n, n) Jacobian, of `d`'s dtype and on `d`'s device, equal to
#   `torch.autograd.functional.jacobian(lambda x: x / x.norm(), d)` (in float64 to within
#   1e-12 of its largest entry, which finite differences do not reach).
# * **Analytic:** from the formula; a hidden test calls it with autograd unavailable.
#
# **Worked example.** $d = (3, 4)$, $\lVert d \rVert = 5$:
# $J = (25 I - d d^\top) / 125 = \begin{pmatrix} 16 & -12 \\ -12 & 9 \end{pmatrix} / 125
# = \begin{pmatrix} 0.128 & -0.096 \\ -0.096 & 0.072 \end{pmatrix}$.

# %% answer id=l2_normalize_jacobian
def l2_normalize_jacobian(d: torch.Tensor) -> torch.Tensor:
    """Analytic Jacobian (n, n) of d / ||d|| with respect to d (n,): (I ||d||^2 - d d^T) / ||d||^3."""
    ### BEGIN SOLUTION
    norm = torch.linalg.vector_norm(d)
    eye = torch.eye(d.shape[0], dtype=d.dtype, device=d.device)
    return (eye * norm**2 - torch.outer(d, d)) / norm**3
    ### END SOLUTION

# %% test id=l2_normalize_jacobian_correct points=6
"""l2_normalize_jacobian: the worked example, then equal to torch.autograd.functional.jacobian; analytic"""
from course_utils import check_plain
import warnings

import torch
from course_utils import check_close, check_shape


def quiet(fn, *args, **kwargs):
    """fn(*args, **kwargs) with warnings silenced: nbgrader scores a cell that writes to stderr 0."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return fn(*args, **kwargs)


d = torch.tensor([3.0, 4.0], dtype=torch.float64)
check_close(quiet(l2_normalize_jacobian, d), [[0.128, -0.096], [-0.096, 0.072]], what="l2_normalize_jacobian((3, 4))")
d = torch.rand(8, generator=torch.Generator().manual_seed(0), dtype=torch.float64) + 0.1
expected = torch.autograd.functional.jacobian(lambda x: x / x.norm(), d)
got = quiet(l2_normalize_jacobian, d)
check_plain(got)
check_shape(got, (8, 8), what="l2_normalize_jacobian(random d (8,))")
check_close(got, expected, atol=1e-10, what="l2_normalize_jacobian(random d (8,)) vs autograd")
### BEGIN HIDDEN TESTS
import warnings

from course_utils import forbid

AUTOGRAD = ("torch.autograd.grad", "torch.autograd.backward", "torch.Tensor.backward",
            "torch.autograd.functional.jacobian", "torch.autograd.functional.vjp", "torch.autograd.functional.jvp",
            "torch.autograd.functional.vhp", "torch.autograd.functional.hvp", "torch.autograd.functional.hessian",
            "torch.func.grad", "torch.func.vjp", "torch.func.jvp", "torch.func.jacrev", "torch.func.jacfwd",
            "torch.func.grad_and_value", "torch.func.hessian")
g = torch.Generator().manual_seed(1)
cases = [
    (torch.rand(128, generator=g, dtype=torch.float64) * 50, "a descriptor (128,) with counts up to 50"),
    (torch.randn(5, generator=g, dtype=torch.float64), "a vector (5,) with negative entries"),
    (torch.randn(3, generator=g, dtype=torch.float64) * 1e-3, "a short vector (3,), norm about 1e-3"),
    (torch.tensor([0.0, 2.0, 0.0], dtype=torch.float64), "(0, 2, 0)"),
    (torch.rand(16, generator=g) + 0.5, "float32 (16,)"),
]
for d, label in cases:
    expected = torch.autograd.functional.jacobian(lambda x: x / x.norm(), d.double())
    before = d.clone()
    what = f"l2_normalize_jacobian({label})"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with torch.no_grad(), forbid(*AUTOGRAD, namespace=globals(),
                                     reason="write the Jacobian of d / ||d|| as a formula, not with autograd."):
            got = quiet(l2_normalize_jacobian, d)
            check_plain(got)
    check_shape(got, (len(d), len(d)), what=what)
    assert got.dtype == d.dtype, f"{what}: got dtype {got.dtype}, expected {d.dtype}"
    if d.dtype == torch.float64:
        scale = float(expected.abs().max())
        check_close(got, expected, atol=1e-12 * scale, rtol=1e-9, what=what + " vs autograd (float64)")
    else:
        check_close(got, expected, atol=1e-6, rtol=1e-5, what=what + " vs autograd")
    assert torch.equal(d, before), f"{what} changed its input"
# On a GPU: the Jacobian is built on d's device (SimulatedCuda applies CUDA's rules on the CPU).
from course_utils import SimulatedCuda

d = torch.rand(6, generator=g, dtype=torch.float64) + 0.1
expected = torch.autograd.functional.jacobian(lambda x: x / x.norm(), d)
what = "l2_normalize_jacobian(d (6,) on the GPU)"
with SimulatedCuda(), warnings.catch_warnings():
    warnings.simplefilter("ignore")
    try:
        got = quiet(l2_normalize_jacobian, d.to("cuda"))
        check_plain(got)
    except Exception as error:  # noqa: BLE001 - a device bug is a failed check
        raise AssertionError(f"{what} raised {type(error).__name__}: {error}; create every tensor on d.device") from None
    assert got.device.type == "cuda", f"{what}: the result is on {got.device}, expected d's device (cuda)"
    got = got.cpu()
    check_plain(got)
check_close(got, expected, atol=1e-12, rtol=1e-9, what=what)
### END HIDDEN TESTS

# %% [markdown]
# ### `soft_clip(x, threshold)`
#
# The clip $\min(v, 0.2)$ is the one step of the normalisation that stops gradients:
# for a clipped entry, $\partial v' / \partial v = 0$, so a network that learned to
# produce $d$ would get no signal through the entries that matter most. Replace it by a
# smooth function. Write `soft_clip(x, threshold)` that is
#
# * **smooth:** differentiable everywhere, with a gradient that is never zero (over the
#   range the tests look at, $|x| \le 5 \cdot$ `threshold`) and changes gradually;
# * **increasing** in $x$;
# * **strictly below `threshold`** for every $x \le 5 \cdot$ `threshold`, in float32 as
#   well as float64;
# * **within 1 % of $x$** for $|x| \le 0.1 \cdot$ `threshold`: small values pass
#   through almost unchanged (it need not equal $x$ elsewhere below the threshold).
#
# $t \tanh(x / t)$ with $t$ = `threshold` is one such function; others exist.
# **In:** `x`, a float tensor of any shape; `threshold`, a positive Python float.
# **Out:** a float tensor of `x`'s shape.
#
# **Worked example.** $t = 0.2$, the function $t \tanh(x/t)$: at $x = 0.02$ it gives
# $0.2 \tanh(0.1) = 0.019934$, 0.33 % below $x$; at $x = 0.2$, $0.2 \tanh(1) = 0.1523$;
# at $x = 1.0$, $0.2 \tanh(5) = 0.199982$, still below 0.2.

# %% answer id=soft_clip
def soft_clip(x: torch.Tensor, threshold: float) -> torch.Tensor:
    """A smooth, increasing stand-in for min(x, threshold): below threshold for x <= 5 threshold,
    within 1 % of x for |x| <= 0.1 threshold, with a non-zero gradient everywhere."""
    ### BEGIN SOLUTION
    return threshold * torch.tanh(x / threshold)
    ### END SOLUTION

# %% test id=soft_clip_correct points=5
"""soft_clip: the identity near 0, below the threshold up to 5 thresholds, increasing, smooth, non-zero gradient"""
from course_utils import check_plain
import warnings

import torch
from course_utils import check_shape, check_type


def quiet(fn, *args, **kwargs):
    """fn(*args, **kwargs) with warnings silenced: nbgrader scores a cell that writes to stderr 0."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return fn(*args, **kwargs)


x = torch.tensor([0.0, 0.02, -0.02, 0.2, 1.0], dtype=torch.float64)
got = quiet(soft_clip, x, 0.2)
check_plain(got)
check_type(got, torch.Tensor, what="soft_clip(x (5,), 0.2)")
check_shape(got, (5,), what="soft_clip(x (5,), 0.2)")
for value, out in zip(x.tolist(), got.tolist()):
    if abs(value) <= 0.02:
        assert abs(out - value) <= 0.01 * abs(value) + 1e-7, \
            f"soft_clip({value}, 0.2): got {out:.6g}, expected within 1 % of {value} (small values pass unchanged)"
    else:
        assert out < 0.2, f"soft_clip({value}, 0.2): got {out:.6g}, expected strictly below the threshold 0.2"
assert (got[3:] > got[1]).all(), f"soft_clip(x, 0.2): got {got.tolist()}, expected an increasing function"
### BEGIN HIDDEN TESTS
import warnings

for t in (0.2, 1.0, 3.5):
    for dtype in (torch.float64, torch.float32):
        x = torch.linspace(-5 * t, 5 * t, 10001, dtype=dtype)
        call = f"soft_clip(x = {10001} points from -5t to 5t, threshold t={t}, {dtype})"
        before = x.clone()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            y = quiet(soft_clip, x, t)
        check_type(y, torch.Tensor, what=call)
        check_shape(y, x.shape, what=call)
        assert torch.equal(x, before), f"{call} changed its input"
        assert torch.isfinite(y).all(), f"{call}: got values that are not finite"
        top = float(y.max())
        assert top < t, f"{call}: the largest value is {top!r}, expected strictly below the threshold {t}"
        inner = (x.abs() <= 0.1 * t) & (x != 0)
        rel = ((y[inner] - x[inner]).abs() / x[inner].abs()).double()
        worst_rel = float(rel.max())
        assert worst_rel <= 0.01 + 1e-6, \
            f"{call}: differs from x by up to {worst_rel:.2%} where |x| <= 0.1 t, expected at most 1 %"
        tiny = torch.tensor([1e-7, -1e-6, 1e-5, 3e-4], dtype=dtype) * t
        y_tiny = quiet(soft_clip, tiny, t)
        worst_tiny = float(((y_tiny - tiny).abs() / tiny.abs()).max())
        assert worst_tiny <= 0.01, (f"soft_clip(x = t * [1e-7, -1e-6, 1e-5, 3e-4], threshold t={t}, {dtype}): differs "
                                    f"from x by up to {worst_tiny:.2%}, expected at most 1 % (mind cancellation)")
        zero = quiet(soft_clip, torch.zeros(1, dtype=dtype), t)
        assert float(zero.abs().max()) <= 1e-12 * t, f"soft_clip(0, {t}): got {zero.tolist()}, expected 0"
        steps = torch.diff(y.double())
        if dtype == torch.float64:
            assert (steps > 0).all(), f"{call}: not strictly increasing (a step of {float(steps.min()):.3g})"
        else:
            assert (steps >= 0).all(), f"{call}: decreases somewhere (a step of {float(steps.min()):.3g})"
        # The gradient: finite, positive, and without jumps (smooth).
        xg = x.clone().requires_grad_()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            out = quiet(soft_clip, xg, t)
            assert out.requires_grad, f"{call}: the result does not require grad; use torch operations only"
            (grad,) = torch.autograd.grad(out.sum(), xg)
        assert torch.isfinite(grad).all() and (grad > 0).all(), \
            (f"{call}: the gradient is {float(grad.min()):.3g} somewhere, expected positive everywhere "
             f"(a hard clip has gradient 0 above the threshold)")
        if dtype == torch.float64:
            jump = float(torch.diff(grad).abs().max())
            assert jump < 0.05, (f"{call}: the gradient jumps by {jump:.3f} between neighbouring points "
                                 f"{float(x[1] - x[0]):.2g} apart: the function has a kink, expected a smooth one")
# Far beyond 5 t it may reach t in float32 but must not exceed it.
for t in (0.2, 2.0):
    far = quiet(soft_clip, torch.tensor([10 * t, 100 * t]), t)
    assert (far <= t * (1 + 1e-6)).all(), f"soft_clip([10t, 100t], {t}): got {far.tolist()}, expected at most {t}"
    check_shape(quiet(soft_clip, torch.full((2, 3, 4), 0.5 * t), t), (2, 3, 4), what=f"soft_clip(x (2, 3, 4), {t})")
### END HIDDEN TESTS

# %% [markdown]
# The soft clip in place of the hard one. Left: the two curves. Right: the Jacobian
# of the whole normalisation with respect to its first-normalised input $v$, for one
# descriptor of `img1` in which three entries were made large (as a highlight would):
# with the hard clip, the columns of the clipped entries are exactly zero, so no
# gradient reaches them; with the soft clip every entry gets one.

# %%
def normalize_with(clip_fn, v):
    """Second half of the normalisation: clip v (already unit length), then L2-normalise."""
    clipped = clip_fn(v)
    return clipped / torch.linalg.vector_norm(clipped)


hard = lambda v: torch.clamp(v, max=0.2)  # noqa: E731
soft = lambda v: soft_clip(v, 0.2)  # noqa: E731
raw = torch.tensor(desc1[0], dtype=torch.float64) + 1.0
raw[[5, 40, 77]] = 4 * raw.max()  # three strong gradients, as a highlight would give
v_unit = raw / torch.linalg.vector_norm(raw)
print(f"entries above 0.2 after the first normalisation: {int((v_unit > 0.2).sum())}")
print("normalize_descriptor vs the hard clip written here, largest difference: "
      f"{float((normalize_descriptor(raw) - normalize_with(hard, v_unit)).abs().max()):.2e}")
jac_hard = torch.autograd.functional.jacobian(lambda v: normalize_with(hard, v), v_unit)
jac_soft = torch.autograd.functional.jacobian(lambda v: normalize_with(soft, v), v_unit)
column_hard, column_soft = jac_hard.norm(dim=0), jac_soft.norm(dim=0)
print(f"entries whose Jacobian column is zero: hard clip {int((column_hard == 0).sum())}, "
      f"soft clip {int((column_soft == 0).sum())}")

fig, axes = plt.subplots(1, 2, figsize=(13, 4.3))
xs_plot = torch.linspace(0, 0.8, 400)
axes[0].plot(xs_plot, xs_plot, color="grey", linestyle=":", label="identity")
axes[0].plot(xs_plot, hard(xs_plot), color="tab:red", label="hard clip min(x, 0.2)")
axes[0].plot(xs_plot, soft(xs_plot), color="tab:blue", label="soft_clip(x, 0.2)")
axes[0].set_xlabel("x (an entry of the unit-length descriptor)")
axes[0].set_ylabel("clipped value")
axes[0].set_title("Hard and soft clip at 0.2")
axes[0].legend()
axes[1].bar(np.arange(128) - 0.2, column_hard.numpy(), width=0.4, color="tab:red", label="hard clip")
axes[1].bar(np.arange(128) + 0.2, column_soft.numpy(), width=0.4, color="tab:blue", label="soft clip")
axes[1].set_xlabel("descriptor entry j")
axes[1].set_ylabel("norm of column j of d out / d v")
axes[1].set_title("How much gradient reaches each entry")
axes[1].legend()
fig.tight_layout()

# %% [markdown] manual id=differentiability_table points=12
# ## Part H: which SIFT stages can back-propagate? (12 points)
#
# **Written answer.** Make a table with one row per stage of SIFT, in this order:
#
# 1. Gaussian scale space
# 2. difference of Gaussians
# 3. extremum search in 3×3×3 neighbourhoods
# 4. sub-pixel refinement (the quadratic fit)
# 5. contrast threshold ($|D(\hat x)| < 0.03$ is discarded)
# 6. edge rejection ($\operatorname{tr}(\mathbf{H})^2 / \det(\mathbf{H}) < (r + 1)^2 / r$ with
#    $r = 10$ is kept, $\mathbf{H}$ the 2×2 spatial Hessian of $D$)
# 7. orientation assignment (gradients, 36-bin histogram, peaks above 80 %)
# 8. descriptor (4×4 cells × 8 bins = 128, trilinear interpolation)
# 9. normalisation (L2 → clip at 0.2 → L2)
#
# and four columns: **stage**, **operation** (what it computes, in a few words or a
# formula), **differentiable?** (*yes*, *almost everywhere*, or *no*; with respect to
# the image or the previous stage's output), and **relaxation** (how to make it
# trainable, or *none needed*). Use what you measured in Parts D–G, and add a sentence
# under the table on what would still stop a gradient from the matches back to the
# pixels.
#
# ### BEGIN SOLUTION
# | stage | operation | differentiable? | relaxation |
# |---|---|---|---|
# | 1. Gaussian scale space | $L = G_\sigma * I$, a convolution with fixed weights | yes (linear; the gradient is the same Gaussian) | none needed |
# | 2. difference of Gaussians | $D = L(k\sigma) - L(\sigma)$ | yes (linear; $\partial D/\partial L(k\sigma) = 1$, $\partial D/\partial L(\sigma) = -1$) | none needed |
# | 3. extremum search | compare each sample with its 26 neighbours, keep strict maxima / minima | no (the selected position is piecewise constant: gradient 0, undefined at ties) | soft-argmax / softmax with inverse temperature β over the 3×3×3 neighbourhood (or a soft non-maximum suppression) |
# | 4. sub-pixel refinement | $\Delta = -\mathbf{H}^{-1} \nabla D$ from finite differences; move and refit if $\lvert\Delta_i\rvert > 0.5$ | almost everywhere (a linear solve is differentiable where $\mathbf{H}$ is invertible; the moving/refitting step is a discrete jump) | differentiate through the solve, use a fixed number of iterations or a soft-argmax instead of the jumps; regularise $\mathbf{H}$ |
# | 5. contrast threshold | drop the point if $\lvert D(\hat x) \rvert < 0.03$ | no (a step function: gradient 0 a.e.) | a soft weight $\mathrm{sigmoid}(\alpha(\lvert D \rvert - T))$ multiplying the point's contribution |
# | 6. edge rejection | keep if $\operatorname{tr}^2/\det < (r+1)^2/r = 12.1$ ($r = 10$) | no as a decision (step); the ratio itself is differentiable where $\det \ne 0$ | a sigmoid weight of $(r+1)^2/r - \operatorname{tr}^2/\det$ (better on $\det$ and $\operatorname{tr}^2$ to avoid dividing by a small $\det$) |
# | 7. orientation | $m = \sqrt{d_x^2 + d_y^2}$, $\theta = \operatorname{atan2}(d_y, d_x)$; 36-bin histogram weighted by $m$ and a Gaussian of $1.5\sigma$; peaks > 80 % of the maximum | almost everywhere for $m$ and $\theta$ (not at $m = 0$; $\theta$ jumps by $2\pi$ at $\pm\pi$); the histogram is not differentiable in $\theta$ (hard binning); choosing the peaks is not | soft (linear or kernel) binning, angles as $(\cos\theta, \sin\theta)$, a soft-argmax over the circular histogram instead of the 80 % rule |
# | 8. descriptor | rotate the 16×16 window to the orientation, 4×4 cells of 8-bin histograms with trilinear interpolation (x, y, θ) | almost everywhere (interpolation is piecewise linear: kinks at bin borders; rotation and sampling differentiable with bilinear sampling) | already a relaxation of hard binning; bilinear sampling (grid_sample) for the rotated window; smoother kernels if needed |
# | 9. normalisation | $v = d/\lVert d \rVert$, $\min(v, 0.2)$, renormalise | L2: yes except at $d = 0$ (Jacobian $(I - yy^\top)/\lVert d \rVert$); the clip: almost everywhere, with zero gradient for every clipped entry | a soft clip, e.g. $t \tanh(x/t)$ |
#
# Still in the way from matches back to pixels: the nearest-neighbour choice and the
# ratio test (hard decisions; a softmax over descriptor distances relaxes them), and the
# set of keypoints itself, whose number changes discontinuously with the image.
#
# *Grading:* about 1 point per row (operation and a correct verdict; 3, 5 and 6 must be
# "no" as decisions, 4 and 7–9 "almost everywhere" with the reason, 1–2 "yes"), up to
# 3 points for sensible relaxations (soft-argmax, sigmoids, soft binning, soft clip).
# ### END SOLUTION

# %% [markdown]
# ## Before you submit
#
# * *Kernel → Restart Kernel and Run All Cells*: every test cell should run without an
#   error, and the notebook in well under a minute.
# * Check that you filled in the table of Part H.
# * The hidden tests try more than the visible ones: other images and OpenCV's own SIFT,
#   ties and single neighbours in the ratio test, perspective homographies and the
#   exact tolerance, non-square images, float32 inputs, large β, inputs with negative
#   or zero gradients, and your analytic derivatives with autograd switched off.
