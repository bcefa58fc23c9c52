"""Unit tests for ``course_utils``: checks, forbid, images, plotting, runtime.

The checks are tested the way fastcore tests ``test_eq``/``test_close``: make
them fail on purpose and read the message, which must name the call and hold
both the expected and the got value. Every test here can fail.
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")  # before pyplot is imported (course_utils.plotting imports it)

import os  # noqa: E402
import random  # noqa: E402
import socket  # noqa: E402

import math  # noqa: E402

import matplotlib.pyplot as plt  # noqa: E402

import numpy as np  # noqa: E402
import pytest  # noqa: E402
import scipy.signal  # noqa: E402
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

import course_utils  # noqa: E402
from course_utils import (  # noqa: E402
    ForbiddenCallError,
    check_close,
    check_dtype,
    check_returns,
    check_shape,
    check_type,
    forbid,
    get_device,
    list_images,
    load_image,
    rel_error,
    seed_everything,
    show_images,
)
from course_utils.checks import LIBRARY_CONVOLUTIONS, _resolve  # noqa: E402
from course_utils.images import IMAGES, make_view_pair  # noqa: E402


def fails(call, *contains: str, error: type[BaseException] = AssertionError) -> str:
    """Call ``call()``; it must raise ``error`` whose message holds every string in ``contains``."""
    with pytest.raises(error) as info:
        call()
    message = str(info.value)
    for text in contains:
        assert text in message, f"{text!r} is not in the message:\n{message}"
    return message


def corr2d_by_unfold(X: torch.Tensor, K: torch.Tensor) -> torch.Tensor:
    """A cross-correlation built from F.unfold and a matmul, as a student might write it."""
    kh, kw = K.shape
    cols = F.unfold(X[None, None], (kh, kw))  # (1, kh*kw, L)
    out = K.reshape(1, -1) @ cols[0]  # (1, L)
    return out.reshape(X.shape[0] - kh + 1, X.shape[1] - kw + 1)


# ---------------------------------------------------------------------------
# checks: check_close
# ---------------------------------------------------------------------------


def test_public_names_are_exported():
    """Does ``course_utils`` export every name in its ``__all__``?"""
    for name in course_utils.__all__:
        assert hasattr(course_utils, name), name
    assert {"check_close", "forbid", "load_image", "show_images", "seed_everything"} <= set(
        course_utils.__all__
    )


def test_check_close_passes_on_equal_torch_and_numpy():
    """Does check_close accept a tensor and an array holding the same values?"""
    assert check_close(torch.arange(6.0).reshape(2, 3), np.arange(6.0).reshape(2, 3)) is None
    assert check_close(np.arange(6.0).reshape(2, 3), torch.arange(6.0).reshape(2, 3)) is None
    assert check_close(torch.tensor([1, 2, 3]), [1.0, 2.0, 3.0]) is None  # integer tensor, list


def test_check_close_passes_float32_against_float64():
    """Is a float32 result accepted against the same values computed in float64?"""
    x = np.random.default_rng(0).standard_normal((5, 7))  # float64
    check_close(torch.tensor(x, dtype=torch.float32), x, what="f(x)")
    check_close(x.astype(np.float32), torch.tensor(x, dtype=torch.float64), what="f(x)")
    check_close(torch.tensor([0.5, 1.5], dtype=torch.bfloat16), [0.5, 1.5])  # NumPy has no bfloat16
    check_close(torch.tensor([0.5, 1.5], dtype=torch.float16), np.array([0.5, 1.5], dtype=np.float16))


def test_check_close_passes_on_non_contiguous_views():
    """Are transposed and strided views (torch and NumPy) compared by value, not by memory?"""
    t = torch.arange(12.0).reshape(3, 4)
    a = np.arange(12.0).reshape(3, 4)
    assert not t.T.is_contiguous() and not t[:, ::2].is_contiguous()
    check_close(t.T, a.T)
    check_close(t[:, ::2], a[:, ::2])
    check_close(a[::2, 1:], t[::2, 1:])
    fails(lambda: check_close(t.T, a), "got shape (4, 3), expected (3, 4)")
    fails(lambda: check_close(t[:, ::2], a[:, 1::2]), "6 of 6 values differ", "expected 1, got 0")


def test_check_close_passes_on_tensors_that_require_grad():
    """Can a tensor with requires_grad (or a grad_fn) be checked without calling .detach() first?"""
    w = torch.ones(2, 3, requires_grad=True)
    y = w * 2  # has a grad_fn
    check_close(y, np.full((2, 3), 2.0))
    check_close(np.full((2, 3), 1.0), w)  # as the expected value too
    fails(lambda: check_close(y, np.full((2, 3), 3.0), what="double(w)"), "double(w)", "expected 3, got 2")


def test_check_close_failure_message_names_what_worst_index_and_values():
    """Does a failure name the call, the worst index, and the expected and got values there?"""
    expected = np.array([[1.0, 2.0], [7.5, 4.0]])
    got = torch.tensor([[1.125, 2.0], [3.25, 4.0]])  # off by 0.125 at (0, 0), by 4.25 at (1, 0)
    message = fails(
        lambda: check_close(got, expected, what="corr2d(X (3, 3), K (2, 2))"),
        "corr2d(X (3, 3), K (2, 2))",
        "2 of 4 values differ",
        "Largest difference 4.25",
        "at index (1, 0)",
        "expected 7.5",
        "got 3.25",
    )
    assert message.startswith("corr2d(X (3, 3), K (2, 2)):"), message


def test_check_close_failure_message_prints_small_arrays_in_full():
    """For a small array, does the message print both the expected and the got array, labelled?"""
    expected = np.array([[1.0, 2.0], [7.5, 4.0]])
    got = np.array([[1.125, 2.0], [3.25, 4.0]])
    message = fails(lambda: check_close(got, expected), "Expected:\n", "Got:\n")
    expected_part, got_part = message.split("Expected:\n")[1].split("Got:\n")
    assert "7.5" in expected_part and "1.125" not in expected_part, expected_part
    assert "1.125" in got_part and "3.25" in got_part and "7.5" not in got_part, got_part


def test_check_close_failure_message_omits_large_arrays():
    """For a large array, does the message keep the worst value but leave out the full arrays?"""
    expected = np.zeros((10, 10))
    got = np.zeros((10, 10))
    got[3, 7] = 0.5
    message = fails(lambda: check_close(got, expected, what="big"), "big", "index (3, 7)", "expected 0, got 0.5")
    assert "Expected:" not in message and "Got:" not in message, message
    assert len(message) < 400, message


def test_check_close_default_tolerance():
    """Is a difference of 1e-7 accepted and one of 1e-3 refused by default?"""
    check_close([1.0 + 1e-7], [1.0])
    fails(lambda: check_close([1.0 + 1e-3], [1.0]), "atol=1e-06", "rtol=1e-05")


def test_check_close_honours_atol():
    """Does atol widen (and narrow) the accepted absolute difference?"""
    check_close([0.05], [0.0], atol=0.1, rtol=0)
    fails(lambda: check_close([0.05], [0.0], atol=0.01, rtol=0), "atol=0.01", "rtol=0")


def test_check_close_honours_rtol_relative_to_expected():
    """Does rtol scale with |expected| (not |got|), as the docstring says?"""
    check_close([1001.0], [1000.0], atol=0, rtol=1e-2)
    fails(lambda: check_close([1001.0], [1000.0], atol=0, rtol=1e-4), "rtol=0.0001")
    check_close([0.0], [1.0], atol=0, rtol=1.0)  # |0 - 1| <= 1 * |1|
    fails(lambda: check_close([1.0], [0.0], atol=0, rtol=1.0), "expected 0, got 1")  # 1 > 1 * |0|


def test_check_close_shape_mismatch_message():
    """Does a wrong shape give 'what: got shape (3, 1), expected (4, 2)'?"""
    fails(
        lambda: check_close(torch.zeros(3, 1), np.zeros((4, 2)), what="corr2d(X (5, 4), K (2, 3))"),
        "corr2d(X (5, 4), K (2, 3)): got shape (3, 1), expected (4, 2)",
    )


def test_check_close_does_not_reshape_or_broadcast():
    """Are a flattened result and a broadcastable result refused even when the values match?"""
    fails(lambda: check_close(torch.zeros(8), torch.zeros(4, 2)), "got shape (8,), expected (4, 2)")
    fails(lambda: check_close(torch.zeros(1, 2), torch.zeros(4, 2)), "got shape (1, 2), expected (4, 2)")


def test_check_close_none_gives_forgot_return_hint():
    """Does a None result say the function may have forgotten to return?"""
    fails(lambda: check_close(None, np.zeros(2), what="corr2d(X, K)"), "corr2d(X, K)", "forget to `return`")


def test_check_close_non_numeric_result():
    """Does a result that is not numbers fail with an AssertionError naming its type?"""
    fails(lambda: check_close("abc", np.zeros(()), what="f(x)"), "f(x)", "expected numbers", "str")


def test_check_close_nan_in_got_fails():
    """Is a NaN in the result refused, and reported at its index?"""
    message = fails(
        lambda: check_close(torch.tensor([1.0, float("nan"), 3.0]), [1.0, 2.0, 3.0], what="f(x)"),
        "f(x)",
        "1 of 3 values differ",
        "index (1,)",
        "expected 2, got nan",
    )
    assert "inf" in message  # the largest difference is reported as infinite


def test_check_close_inf_in_got_fails():
    """Is an infinity where a finite value was expected refused?"""
    fails(lambda: check_close(np.array([np.inf, 0.0]), np.zeros(2)), "index (0,)", "got inf")


def test_check_close_scalars_that_match():
    """Are 0-d tensors, NumPy scalars and Python floats accepted when equal?"""
    check_close(torch.tensor(1.5), 1.5)
    check_close(np.float64(2.0), torch.tensor(2.0, dtype=torch.float32))


def test_check_close_scalars_that_differ():
    """Does a wrong 0-d result (a loss, say) fail with an AssertionError naming both values?"""
    fails(lambda: check_close(torch.tensor(1.0), torch.tensor(2.0), what="loss"), "loss", "expected 2, got 1")


# ---------------------------------------------------------------------------
# checks: check_shape, check_dtype, rel_error
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "got",
    [torch.zeros(4, 2), np.zeros((4, 2)), torch.Size([4, 2]), (4, 2), [[0, 0]] * 4],
    ids=["tensor", "array", "torch.Size", "tuple", "nested-list"],
)
def test_check_shape_accepts_tensors_arrays_and_shapes(got):
    """Does check_shape read the shape of a tensor, an array, a torch.Size, a tuple and a nested list?"""
    check_shape(got, (4, 2))
    check_shape(got, torch.Size([4, 2]))
    fails(lambda: check_shape(got, (2, 4), what="f(x)"), "f(x): got shape (4, 2), expected (2, 4)")


def test_check_shape_none_and_scalar():
    """Does check_shape hint at a missing return for None, and see a 0-d tensor as shape ()?"""
    fails(lambda: check_shape(None, (1,), what="f(x)"), "f(x)", "forget to `return`")
    check_shape(torch.tensor(3.0), ())
    fails(lambda: check_shape(torch.tensor(3.0), (1,)), "got shape (), expected (1,)")


@pytest.mark.parametrize(
    "got, kind",
    [
        (torch.zeros(2), "floating"),
        (torch.zeros(2, dtype=torch.float16), "floating"),
        (torch.zeros(2, dtype=torch.bfloat16), "floating"),
        (torch.zeros(2, dtype=torch.float64), "floating"),
        (torch.zeros(2, dtype=torch.int64), "integer"),
        (torch.zeros(2, dtype=torch.uint8), "integer"),
        (torch.zeros(2, dtype=torch.bool), "bool"),
        (np.zeros(2, dtype=np.float32), "floating"),
        (np.zeros(2), "floating"),
        (np.zeros(2, dtype=np.int32), "integer"),
        (np.zeros(2, dtype=np.uint8), "integer"),
        (np.zeros(2, dtype=bool), "bool"),
        ([1.0, 2.0], "floating"),
        ([1, 2], "integer"),
    ],
)
def test_check_dtype_accepts_the_right_kind(got, kind):
    """Is each torch/NumPy dtype accepted as its kind and refused as the other two?"""
    check_dtype(got, kind)
    for other in {"floating", "integer", "bool"} - {kind}:
        fails(lambda: check_dtype(got, other, what="f(x)"), "f(x): got dtype", f"({kind}), expected {other} values")


def test_check_dtype_message_names_the_dtype():
    """Does the message show the actual dtype, e.g. torch.float32 for an integer check?"""
    fails(
        lambda: check_dtype(torch.zeros(2), "integer", what="argmax(x)"),
        "argmax(x): got dtype torch.float32 (floating), expected integer values",
    )
    fails(lambda: check_dtype(np.zeros(2, dtype=bool), "integer"), "got dtype bool (bool), expected integer")


def test_check_dtype_bad_kind_raises_value_error():
    """Is an unknown kind (a typo such as 'float') a ValueError, not a silent pass or an AssertionError?"""
    fails(lambda: check_dtype(torch.zeros(2), "float"), "'float'", "'floating'", error=ValueError)


def test_check_dtype_none_gives_forgot_return_hint():
    """Does check_dtype(None) hint at a missing return?"""
    fails(lambda: check_dtype(None, what="f(x)"), "f(x)", "forget to `return`")


def test_check_dtype_refuses_complex_tensor_as_integer():
    """Is a complex tensor refused as 'integer', as a complex NumPy array is?"""
    fails(lambda: check_dtype(np.zeros(2, dtype=complex), "integer"), "complex128")
    fails(lambda: check_dtype(torch.zeros(2, dtype=torch.complex64), "integer"), "complex64")


def test_rel_error_values():
    """Is rel_error CS231n's max |x - y| / max(1e-8, |x| + |y|), for torch and NumPy alike?"""
    assert rel_error(np.arange(5.0), torch.arange(5.0)) == 0.0
    assert rel_error(1.0, 3.0) == pytest.approx(0.5)
    assert rel_error([1.0, 2.0], [1.0, 3.0]) == pytest.approx(0.2)  # the max over elements
    assert rel_error(np.zeros(3), np.zeros(3)) == 0.0  # no division by zero
    assert rel_error([1e-9], [0.0]) == pytest.approx(0.1)  # the 1e-8 floor
    x = torch.randn(4, 4, generator=torch.Generator().manual_seed(0))
    assert rel_error(x, x + 1e-3) == pytest.approx(rel_error(x + 1e-3, x))
    assert isinstance(rel_error(x, x), float)


# ---------------------------------------------------------------------------
# checks: forbid
# ---------------------------------------------------------------------------


@pytest.fixture
def XK():
    g = torch.Generator().manual_seed(0)
    return torch.randn(5, 4, generator=g), torch.randn(2, 3, generator=g)


def _conv(X, K):
    return F.conv2d(X[None, None], K[None, None])[0, 0]


def test_forbid_blocks_functional_conv2d(XK):
    """Inside forbid('torch.nn.functional.conv2d'), does F.conv2d raise ForbiddenCallError?"""
    X, K = XK
    with forbid("torch.nn.functional.conv2d"):
        fails(lambda: _conv(X, K), "torch.nn.functional.conv2d is not allowed", error=ForbiddenCallError)
        F.conv1d(X[None], K[:1, None].expand(5, 1, 3).contiguous(), groups=5)  # other names untouched
    check_close(_conv(X, K), corr2d_by_unfold(X, K))


def test_forbid_blocks_nn_conv2d_forward():
    """Does blocking F.conv2d also block nn.Conv2d's forward, which goes through F.conv2d?"""
    layer = torch.nn.Conv2d(1, 1, 3)
    x = torch.randn(1, 1, 5, 5)
    with forbid("torch.nn.functional.conv2d"):
        fails(lambda: layer(x), "torch.nn.functional.conv2d", error=ForbiddenCallError)
    assert layer(x).shape == (1, 1, 3, 3)


def test_forbid_blocks_a_name_bound_in_a_namespace():
    """After `from scipy.signal import convolve2d` in a notebook, does namespace=ns block that bound name?"""
    ns: dict = {}
    exec(
        "from scipy.signal import convolve2d\n"
        "from scipy.signal import convolve2d as c2\n"
        "def answer(a, k):\n"
        "    return convolve2d(a, k, mode='valid')\n",
        ns,
    )
    a, k = np.arange(20.0).reshape(4, 5), np.ones((2, 2))
    before = ns["answer"](a, k)
    with forbid("scipy.signal.convolve2d", namespace=ns):
        fails(lambda: ns["answer"](a, k), "scipy.signal.convolve2d is not allowed", error=ForbiddenCallError)
        fails(lambda: ns["c2"](a, k), "scipy.signal.convolve2d", error=ForbiddenCallError)
        fails(lambda: scipy.signal.convolve2d(a, k), "scipy.signal.convolve2d", error=ForbiddenCallError)
    assert ns["convolve2d"] is scipy.signal.convolve2d and ns["c2"] is scipy.signal.convolve2d
    np.testing.assert_array_equal(ns["answer"](a, k), before)


def test_forbid_torch_ops_blocks_every_route_to_convolution(XK):
    """Does torch_ops=('conv',) block F.conv2d, torch.conv2d, nn.Conv2d and torch.ops.aten.convolution?"""
    X, K = XK
    x, w = X[None, None], K[None, None]
    routes = {
        "F.conv2d": lambda: F.conv2d(x, w),
        "torch.conv2d": lambda: torch.conv2d(x, w),
        "nn.Conv2d": lambda: torch.nn.Conv2d(1, 1, 2)(x),
        "aten.convolution": lambda: torch.ops.aten.convolution(x, w, None, [1, 1], [0, 0], [1, 1], False, [0, 0], 1),
        "aten.convolution.default": lambda: torch.ops.aten.convolution.default(
            x, w, None, [1, 1], [0, 0], [1, 1], False, [0, 0], 1
        ),
    }
    with forbid(torch_ops=("conv",)):
        for name, route in routes.items():
            with pytest.raises(ForbiddenCallError, match="aten::convolution") as info:
                route()
            assert "not allowed here" in str(info.value), name
    assert routes["aten.convolution"]().shape == (1, 1, 4, 2)  # the dispatcher hook is gone


def test_forbid_torch_ops_still_allows_unfold_and_matmul(XK):
    """Under torch_ops=('conv',), do F.unfold and matmul still work and give the convolution's answer?"""
    X, K = XK
    with forbid("torch.nn.functional.conv2d", torch_ops=("conv",)):
        got = corr2d_by_unfold(X, K)
        X @ X.T
        torch.matmul(X, X.T)
    check_close(got, _conv(X, K), what="corr2d_by_unfold(X (5, 4), K (2, 3))")


def _snapshot():
    snap = {}
    for dotted in LIBRARY_CONVOLUTIONS:
        found = _resolve(dotted)
        if found is not None:
            owner, attr = found
            snap[dotted] = (owner, attr, getattr(owner, attr))
    return snap


def test_forbid_restores_everything_after_the_block():
    """After forbid(*LIBRARY_CONVOLUTIONS, namespace=ns, torch_ops=...), is every name back as it was?"""
    before = _snapshot()
    assert "torch.nn.functional.conv2d" in before and "scipy.signal.convolve2d" in before
    ns = {"convolve2d": scipy.signal.convolve2d, "F": F}
    with forbid(*LIBRARY_CONVOLUTIONS, namespace=ns, torch_ops=("conv",)):
        for dotted, (owner, attr, original) in before.items():
            assert getattr(owner, attr) is not original, f"{dotted} was not blocked"
        assert ns["convolve2d"] is not scipy.signal.convolve2d
    for dotted, (owner, attr, original) in before.items():
        assert getattr(owner, attr) is original, f"{dotted} was not restored"
    assert ns == {"convolve2d": scipy.signal.convolve2d, "F": F}
    assert F.conv2d(torch.ones(1, 1, 3, 3), torch.ones(1, 1, 2, 2)).sum() == 16


def test_forbid_restores_everything_after_an_exception():
    """If the block raises, is everything restored and the exception passed on unchanged?"""
    before = _snapshot()
    ns = {"convolve2d": scipy.signal.convolve2d}
    with pytest.raises(ZeroDivisionError):
        with forbid(*LIBRARY_CONVOLUTIONS, namespace=ns, torch_ops=("conv",)):
            1 / 0
    for dotted, (owner, attr, original) in before.items():
        assert getattr(owner, attr) is original, f"{dotted} was not restored"
    assert ns["convolve2d"] is scipy.signal.convolve2d
    with pytest.raises(ForbiddenCallError):
        with forbid("torch.nn.functional.conv2d", torch_ops=("conv",)):
            F.conv2d(torch.ones(1, 1, 3, 3), torch.ones(1, 1, 2, 2))
    assert F.conv2d is before["torch.nn.functional.conv2d"][2]
    torch.ops.aten.convolution(torch.ones(1, 1, 3, 3), torch.ones(1, 1, 2, 2), None, [1, 1], [0, 0], [1, 1], False, [0, 0], 1)


def test_forbid_skips_unknown_modules_and_names(XK):
    """Are names whose module (or attribute) does not exist skipped, with the others still blocked?"""
    X, K = XK
    with forbid("no_such_module_xyz.conv2d", "torch.nn.functional.no_such_function", "torch.nn.functional.conv2d"):
        fails(lambda: _conv(X, K), "torch.nn.functional.conv2d", error=ForbiddenCallError)
    assert not hasattr(F, "no_such_function")


def test_forbidden_call_error_is_an_assertion_error_naming_the_function(XK):
    """Is ForbiddenCallError an AssertionError (so a test cell fails, not errors) naming the function and reason?"""
    assert issubclass(ForbiddenCallError, AssertionError)
    X, K = XK
    with forbid("torch.nn.functional.conv2d", reason="write corr2d with loops."):
        fails(
            lambda: _conv(X, K),
            "torch.nn.functional.conv2d is not allowed here: write corr2d with loops.",
            error=AssertionError,
        )


# ---------------------------------------------------------------------------
# images
# ---------------------------------------------------------------------------


def test_list_images():
    """Does list_images() return the sorted names of the bundled photographs?"""
    names = list_images()
    assert isinstance(names, list) and names == sorted(names) == sorted(IMAGES)
    assert {"camera", "astronaut", "coins"} <= set(names)


@pytest.mark.parametrize("name", sorted(IMAGES))
def test_load_image_gray_is_2d_float64_in_unit_range(name):
    """Does each image load in gray as a 2-D float64 array with values in [0, 1]?"""
    img = load_image(name)
    assert isinstance(img, np.ndarray) and img.ndim == 2 and img.dtype == np.float64, (img.shape, img.dtype)
    assert 0.0 <= img.min() and img.max() <= 1.0 and img.max() > img.min()


def test_load_image_is_the_real_photograph():
    """Is load_image('camera') skimage's cameraman scaled to [0, 1], and the default image?"""
    from skimage import data

    np.testing.assert_allclose(load_image("camera"), data.camera() / 255.0)
    np.testing.assert_array_equal(load_image(), load_image("camera"))


def test_load_image_rgb_shape():
    """Does gray=False give (H, W, 3), for an RGB photo and for a gray one?"""
    rgb = load_image("astronaut", gray=False)
    assert rgb.shape == (512, 512, 3) and rgb.dtype == np.float64
    assert 0.0 <= rgb.min() and rgb.max() <= 1.0
    assert not np.allclose(rgb[..., 0], rgb[..., 2])  # really in colour
    from_gray = load_image("camera", gray=False)
    assert from_gray.shape == (512, 512, 3)
    assert load_image("astronaut").shape == (512, 512)  # gray=True turns RGB to 2-D


@pytest.fixture(scope="module")
def view_pair():
    return make_view_pair()


def test_make_view_pair_gives_two_uint8_views_and_a_homography(view_pair):
    """Are img1 the astronaut in gray as uint8, img2 of the same size, H a normalised 3x3?"""
    img1, img2, H = view_pair
    assert img1.dtype == img2.dtype == np.uint8 and img1.shape == img2.shape == (512, 512)
    np.testing.assert_array_equal(img1, np.round(load_image("astronaut") * 255).astype(np.uint8))
    assert H.shape == (3, 3) and H.dtype == np.float64 and H[2, 2] == 1.0
    assert 0 < np.abs(H[2, :2]).max() < 1e-3, "a mild perspective part, not an affine map"
    linear = H[:2, :2]
    scale = math.sqrt(abs(np.linalg.det(linear)))
    angle = math.degrees(math.atan2(linear[1, 0], linear[0, 0]))
    assert 0.75 < scale < 1.0 and 10 < abs(angle) < 35, (scale, angle)


def test_make_view_pair_is_seeded():
    """Does a seed always give the same pair, and another seed another one?"""
    a, b = make_view_pair(seed=3), make_view_pair(seed=3)
    for x, y in zip(a, b):
        np.testing.assert_array_equal(x, y)
    assert not np.allclose(make_view_pair(seed=4)[2], a[2])
    assert make_view_pair("camera", seed=1)[0].shape == (512, 512)
    with pytest.raises(ValueError, match="unknown image"):
        make_view_pair("cat")


def test_h_maps_img1_pixels_onto_img2(view_pair):
    """Does img2 at H(p) hold img1's pixel p, up to a brightness/contrast change (an affine
    fit of grey levels explains them), for points well inside both views?"""
    import cv2

    img1, img2, H = view_pair
    rng = np.random.default_rng(0)
    pts = rng.uniform(100, 412, size=(2000, 2))
    mapped = cv2.perspectiveTransform(pts.reshape(-1, 1, 2), H).reshape(-1, 2)
    inside = np.all((mapped > 1) & (mapped < 510), axis=1)
    assert inside.mean() > 0.9
    xi, yi = np.round(pts[inside]).astype(int).T
    xo, yo = np.round(mapped[inside]).astype(int).T
    v1, v2 = img1[yi, xi].astype(float), img2[yo, xo].astype(float)
    contrast, brightness = np.polyfit(v1, v2, 1)
    assert 0.7 < contrast < 0.95 and 10 < brightness < 35, (contrast, brightness)
    assert np.corrcoef(v1, v2)[0, 1] > 0.9
    # a wrong map (the inverse) does not explain them
    wrong = cv2.perspectiveTransform(pts.reshape(-1, 1, 2), np.linalg.inv(H)).reshape(-1, 2)
    ok = np.all((wrong > 1) & (wrong < 510), axis=1)
    xw, yw = np.round(wrong[ok]).astype(int).T
    assert np.corrcoef(img1[np.round(pts[ok, 1]).astype(int), np.round(pts[ok, 0]).astype(int)],
                       img2[yw, xw])[0, 1] < 0.6


@pytest.mark.parametrize(
    "size, shape", [(64, (64, 64)), ((32, 48), (32, 48)), ([40, 20], (40, 20))], ids=["64", "(32, 48)", "[40, 20]"]
)
def test_load_image_size(size, shape):
    """Does size resize to a square or to (height, width), gray and RGB, staying in [0, 1]?"""
    gray = load_image("coffee", size=size)
    rgb = load_image("coffee", gray=False, size=size)
    assert gray.shape == shape and rgb.shape == shape + (3,)
    for img in (gray, rgb):
        assert img.dtype == np.float64 and 0.0 <= img.min() and img.max() <= 1.0


def test_load_image_unknown_name_lists_choices():
    """Does an unknown name raise a ValueError that names it and lists every choice?"""
    fails(lambda: load_image("lena"), "'lena'", *list_images(), error=ValueError)


def test_load_image_works_offline(monkeypatch):
    """With every network connection refused, does every bundled image still load?"""

    def no_network(*args, **kwargs):
        raise OSError("network disabled by test_load_image_works_offline")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    for name in list_images():
        assert load_image(name, size=16).shape == (16, 16), name


# ---------------------------------------------------------------------------
# plotting
# ---------------------------------------------------------------------------


@pytest.fixture
def close_figures():
    yield
    plt.close("all")


def _titled_axes(fig):
    return [ax.get_title() for ax in fig.axes if ax.get_title()]


def test_show_images_returns_figure_with_one_titled_axes_per_image(close_figures):
    """Does show_images return a Figure with one titled panel per image, in order?"""
    images = [np.zeros((4, 4)), np.ones((4, 4)), np.eye(4)]
    fig = show_images(images, ["zeros", "ones", "eye"])
    assert isinstance(fig, Figure)
    assert _titled_axes(fig) == ["zeros", "ones", "eye"]
    shown = [ax for ax in fig.axes if ax.images]
    assert len(shown) == 3
    np.testing.assert_array_equal(shown[2].images[0].get_array(), np.eye(4))


def test_show_images_wraps_rows_and_hides_spare_panels(close_figures):
    """With 5 images (4 per row by default), are there 5 shown panels and 5 titles?"""
    fig = show_images([np.zeros((3, 3))] * 5, [f"k={k}" for k in range(5)], suptitle="kernels")
    assert _titled_axes(fig) == [f"k={k}" for k in range(5)]
    assert sum(bool(ax.images) for ax in fig.axes) == 5
    assert fig._suptitle is not None and fig._suptitle.get_text() == "kernels"
    fig = show_images([np.zeros((3, 3))] * 3, ncols=1)
    assert [ax.get_subplotspec().rowspan.start for ax in fig.axes] == [0, 1, 2]


def test_show_images_accepts_tensors(close_figures):
    """Does show_images take torch tensors (2-D, RGB, and ones that require grad)?"""
    gray = torch.rand(5, 6, requires_grad=True) * 1.0
    rgb = torch.rand(5, 6, 3)
    fig = show_images([gray, rgb], ["gray", "rgb"], colorbar=True)
    assert _titled_axes(fig) == ["gray", "rgb"]
    panels = [ax for ax in fig.axes if ax.images]
    np.testing.assert_allclose(panels[0].images[0].get_array(), gray.detach().numpy())
    assert panels[1].images[0].get_array().shape == (5, 6, 3)


def test_show_images_titles_length_mismatch(close_figures):
    """Do 2 images with 3 titles raise a ValueError giving both counts?"""
    fails(lambda: show_images([np.zeros((2, 2))] * 2, ["a", "b", "c"]), "2 images", "3 titles", error=ValueError)


def test_show_images_no_images(close_figures):
    """Does show_images([]) raise a clear ValueError?"""
    fails(lambda: show_images([]), "image", error=ValueError)


# ---------------------------------------------------------------------------
# runtime
# ---------------------------------------------------------------------------


@pytest.fixture
def keep_rng_state(monkeypatch):
    """Restore the global RNGs and PYTHONHASHSEED after a test that reseeds them."""
    monkeypatch.setenv("PYTHONHASHSEED", os.environ.get("PYTHONHASHSEED", "0"))
    states = torch.get_rng_state(), np.random.get_state(), random.getstate()
    yield
    torch.set_rng_state(states[0])
    np.random.set_state(states[1])
    random.setstate(states[2])


def _draws():
    return torch.rand(3), np.random.rand(3), [random.random() for _ in range(3)]


def test_seed_everything_repeats_torch_numpy_and_random(keep_rng_state):
    """After seed_everything(s), do torch, NumPy and random draw the same numbers again, and other ones for another s?"""
    seed_everything(3)
    first = _draws()
    seed_everything(3)
    again = _draws()
    seed_everything(4)
    other = _draws()
    assert torch.equal(first[0], again[0]) and not torch.equal(first[0], other[0])
    np.testing.assert_array_equal(first[1], again[1])
    assert not np.array_equal(first[1], other[1])
    assert first[2] == again[2] and first[2] != other[2]
    assert os.environ["PYTHONHASHSEED"] == "4"


def test_seed_everything_returns_a_seeded_generator(keep_rng_state):
    """Is the return value a torch.Generator seeded with s, independent of the global stream?"""
    g = seed_everything(7)
    assert isinstance(g, torch.Generator) and g.initial_seed() == 7
    torch.rand(100)  # consuming the global stream must not change g's draws
    assert torch.equal(torch.rand(4, generator=g), torch.rand(4, generator=torch.Generator().manual_seed(7)))


def test_get_device_default(monkeypatch):
    """Without COURSE_DEVICE, is get_device() CUDA when present, else the CPU (the CPU here)?"""
    monkeypatch.delenv("COURSE_DEVICE", raising=False)
    device = get_device()
    assert isinstance(device, torch.device)
    assert device.type == ("cuda" if torch.cuda.is_available() else "cpu")
    assert get_device("cpu") == torch.device("cpu")


@pytest.mark.skipif(torch.cuda.is_available(), reason="CUDA is available, so get_device('cuda') rightly succeeds")
def test_get_device_cuda_without_cuda_is_a_clear_error(monkeypatch):
    """Without CUDA, does get_device('cuda') (or COURSE_DEVICE=cuda) raise a RuntimeError saying what to do?"""
    monkeypatch.delenv("COURSE_DEVICE", raising=False)
    fails(lambda: get_device("cuda"), "'cuda'", "CUDA is not available", "get_device('cpu')", error=RuntimeError)
    fails(lambda: get_device("cuda:0"), "'cuda:0'", error=RuntimeError)
    monkeypatch.setenv("COURSE_DEVICE", "cuda")
    fails(get_device, "CUDA is not available", "COURSE_DEVICE", error=RuntimeError)


def test_get_device_respects_course_device(monkeypatch):
    """Does COURSE_DEVICE=cpu force the CPU, and does an explicit prefer win over it?"""
    monkeypatch.setenv("COURSE_DEVICE", "cpu")
    assert get_device() == torch.device("cpu")
    monkeypatch.setenv("COURSE_DEVICE", "cuda")
    assert get_device("cpu") == torch.device("cpu")
    monkeypatch.setenv("COURSE_DEVICE", "")
    assert get_device().type == ("cuda" if torch.cuda.is_available() else "cpu")


# --- check_type ----------------------------------------------------------------


def test_check_type_accepts_instances_and_subclasses():
    """Does check_type accept a tensor, a Parameter (a Tensor subclass) and an array where asked?"""
    check_type(torch.zeros(2), torch.Tensor)
    check_type(torch.nn.Parameter(torch.zeros(2)), torch.Tensor)
    check_type(np.zeros(2), (np.ndarray, torch.Tensor))


def test_check_type_names_what_came_back():
    """Does a wrong container type fail with the call, what came back (with its shape) and what was expected?"""
    fails(lambda: check_type(np.zeros((4, 2)), torch.Tensor, what="corr2d(X (5, 4), K (2, 3))"),
          "corr2d(X (5, 4), K (2, 3))", "numpy.ndarray of shape (4, 2)", "expected a torch.Tensor")
    fails(lambda: check_type(torch.zeros(3), np.ndarray, what="f"), "torch.Tensor of shape (3,)", "numpy.ndarray")
    fails(lambda: check_type(None, np.ndarray, what="f"), "forget to `return`")


# --- check_returns --------------------------------------------------------------


def _size(n, k, stride=1):
    if n < k:
        raise ValueError(f"a kernel of {k} does not fit in {n} pixels")
    return (n - k) // stride + 1


def test_check_returns_passes_right_values_of_the_right_kind():
    """Does check_returns accept an equal int, an equal tuple of ints, and an expected exception with a message?"""
    check_returns(2, _size, 5, 3, stride=2)
    check_returns((3, 1), lambda: (3, 1))
    check_returns(ValueError, _size, 2, 3)


def test_check_returns_names_the_call_and_both_values():
    """Does a wrong value, a wrong kind, a missing or wrong exception fail with the call and what was expected?"""
    fails(lambda: check_returns(3, _size, 5, 3, stride=2), "_size(5, 3, stride=2): got 2, expected 3")
    fails(lambda: check_returns(2, lambda: 2.0), "returned 2.0 (float), expected the int 2")
    fails(lambda: check_returns(1, lambda: True), "returned True (bool), expected the int 1")
    fails(lambda: check_returns((2, 2), lambda: [2, 2]), "expected the tuple (2, 2)")
    fails(lambda: check_returns(ValueError, _size, 5, 3), "returned 3, expected it to raise ValueError")
    fails(lambda: check_returns(4, _size, 2, 3), "raised ValueError (a kernel of 3 does not fit in 2 pixels), expected 4")

    def silent(n):
        raise ValueError()

    fails(lambda: check_returns(ValueError, silent, 1), "raised ValueError without a message")


class _AlwaysEqual(int):
    def __eq__(self, other):
        return True

    __hash__ = int.__hash__


class _Spoofed(int):
    __module__ = "numpy"  # claims to be NumPy's

    def __eq__(self, other):
        return True

    __hash__ = int.__hash__


class _Dispatching(torch.Tensor):
    @classmethod
    def __torch_function__(cls, func, types, args=(), kwargs=None):
        return True


class _Claims(type):
    def __instancecheck__(cls, instance):
        return True


class _Anything(metaclass=_Claims):
    pass


def test_check_plain_accepts_values_and_refuses_objects_that_claim_equality():
    """Plain values (named tuples, torch.Size, OpenCV's and PyTorch's own classes among
    them) pass; an object of a class from the notebook that redefines a comparison, a
    conversion or NumPy/torch dispatch fails with a message naming what it redefines,
    even when it claims to come from NumPy or hides inside a tuple or a dict."""
    import collections

    import cv2

    from course_utils.checks import check_plain

    Pair = collections.namedtuple("Pair", "rf jump")
    for value in [3, 2.5, (1, 2), [1.0, (2, np.float32(1))], torch.Size([2, 3]), torch.zeros(2), np.int64(4),
                  torch.nn.Parameter(torch.zeros(1)), Pair(3, 1), collections.OrderedDict(w=1.0), {"a": torch.ones(1)},
                  [cv2.DMatch(0, 1, 0.5)], np.ma.array([1.0]), None, "text"]:
        check_plain(value, what="f()")
    for value, named in [(_AlwaysEqual(3), "__eq__"), (_Spoofed(3), "__eq__"), ((1, _AlwaysEqual(2)), "__eq__"),
                         ({"k": [_AlwaysEqual(1)]}, "__eq__"), (torch.zeros(2).as_subclass(_Dispatching), "__torch_function__"),
                         (_Anything(), "__instancecheck__")]:
        with pytest.raises(AssertionError, match=f"f\\(\\): returned an object of the class .*{named}"):
            check_plain(value, what="f()")
