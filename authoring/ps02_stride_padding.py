# %% [markdown]
# # Problem set 2: Stride, padding, dilation and shapes
#
# Every convolutional layer changes the shape of what flows through it, and every
# network that ends in a linear layer must know that shape in advance. Get one
# number wrong and the network fails at its first forward pass, or, worse, works
# for one image size and breaks for the next. In this problem set you work out
# those shapes by hand and in code, count a network's parameters without running
# it, and measure how much of the image one output pixel actually sees:
#
# | Part | You write | Points |
# |---|---|---|
# | A | three output shapes, predicted before running anything | 6 |
# | B | `conv_output_size`: the output size of a convolution | 16 |
# | C | `same_padding`: the padding that keeps the size; `padding="same"` | 11 |
# | D | `pool_output_size`: max-pooling, with and without `ceil_mode` | 10 |
# | E | `TwoConvNet`: two convolutions and a linear layer, for any image size | 12 |
# | F | `count_parameters`: trainable parameters of any model | 6 |
# | G | `two_conv_param_count`: the same count in closed form | 7 |
# | H | `receptive_field`: how much of the input one output pixel sees | 12 |
# | I | `empirical_receptive_field`: the same, measured by back-propagation | 10 |
# | J | written answer: how stride and padding change the output size | 10 |
#
# **How this notebook is graded.** Each exercise has an answer cell (replace the
# `raise NotImplementedError` line) followed by a locked test cell. Run the test cell:
# the visible checks in it give you instant feedback. When grading, hidden tests are
# added to the same cells and check more cases, so make your function correct in
# general, not only for the examples shown. The written answer is read by a person.
#
# Run the notebook from top to bottom (*Kernel → Restart Kernel and Run All Cells*)
# before you submit: a grader runs it the same way.

# %%
import copy
import warnings

import matplotlib.pyplot as plt
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

from course_utils import check_close, check_shape, seed_everything

seed_everything(0)
torch.set_num_threads(1)  # every tensor here is tiny: one thread is fastest, and fair to a shared machine
%matplotlib inline

# %% [markdown]
# ## The formula
#
# A convolution with kernel size $k$, stride $s$, padding $p$ and dilation $d$ turns
# an input of $n$ pixels (along one axis) into
#
# $$n_{out} = \left\lfloor \frac{n + 2p - d\,(k-1) - 1}{s} \right\rfloor + 1$$
#
# pixels. Read it from the inside out:
#
# * $n + 2p$ is the length after padding: $p$ zeros on each side.
# * $d\,(k-1) + 1$ is the **effective kernel**, the span of the kernel's taps when
#   they are spread $d$ pixels apart (a $3\times3$ kernel with dilation 2 spans 5 pixels).
# * $n + 2p - (d\,(k-1) + 1)$ is how far the window can travel from its first
#   position to its last; divided by $s$ and rounded **down**, it is the number of
#   steps that fit, and the first position adds one.
#
# Height and width are computed separately, each with its own $k$, $s$, $p$, $d$.
#
# **Worked example.** A $7 \times 7$ input, a $3 \times 3$ kernel, stride 2, padding 1:
# $\lfloor (7 + 2 - 2 - 1)/2 \rfloor + 1 = \lfloor 6/2 \rfloor + 1 = 4$, so the output is
# $4 \times 4$. With dilation 2 as well, the effective kernel is 5 and the output is
# $\lfloor (7 + 2 - 4 - 1)/2 \rfloor + 1 = 3$ pixels a side.
#
# ## Part A: predict, then verify (6 points)
#
# One of the origin notebooks of this course applied three single convolutional
# layers, each with a $3 \times 3$ kernel, to a $5 \times 5$ image:
#
# | variable | stride | padding |
# |---|---|---|
# | `shape_s1p1` | 1 | 1 |
# | `shape_s2p0` | 2 | 0 |
# | `shape_s2p2` | 2 | 2 |
#
# **Before running any layer**, work out the output height and width of each on
# paper and write them in the cell below as `(H, W)` tuples of ints, like this:
#
# ```python
# shape_s1p1 = (H, W)
# shape_s2p0 = (H, W)
# shape_s2p2 = (H, W)
# ```
#
# The test cell checks only the format; the grader checks the values. The cell
# after it runs the three layers, so you can see whether your predictions were right.

# %% answer id=predict_shapes
### BEGIN SOLUTION
shape_s1p1 = (5, 5)
shape_s2p0 = (2, 2)
shape_s2p2 = (4, 4)
### END SOLUTION

# %% test id=predict_shapes_correct points=6
"""shape_s1p1, shape_s2p0, shape_s2p2: your predictions, compared with what nn.Conv2d gives"""
import numbers

import torch


def as_hw(value, name):
    """value as an (H, W) tuple of ints, or a failure that says what is wrong with it."""
    ok = (isinstance(value, (tuple, list)) and len(value) == 2
          and all(isinstance(v, numbers.Integral) and not isinstance(v, bool) for v in value))
    assert ok, f"{name}: got {value!r}, expected (H, W): a tuple, list or torch.Size of two ints"
    return tuple(int(v) for v in value)


for name, value in [("shape_s1p1", shape_s1p1), ("shape_s2p0", shape_s2p0), ("shape_s2p2", shape_s2p2)]:
    height, width = as_hw(value, name)
    assert height > 0 and width > 0, f"{name}: got {value!r}, expected positive sizes"
### BEGIN HIDDEN TESTS
x = torch.zeros(1, 1, 5, 5)
for name, value, stride, padding in [("shape_s1p1", shape_s1p1, 1, 1), ("shape_s2p0", shape_s2p0, 2, 0),
                                     ("shape_s2p2", shape_s2p2, 2, 2)]:
    expected = tuple(torch.nn.Conv2d(1, 2, 3, stride=stride, padding=padding)(x).shape[-2:])
    got = as_hw(value, name)
    assert got == expected, (f"{name} (3x3 kernel, stride {stride}, padding {padding}, 5x5 input): "
                             f"got {got}, expected {expected}")
### END HIDDEN TESTS

# %% [markdown]
# Now run the layers. Each has 2 filters, so the full output is
# `(batch, 2, H, W)`; the last two numbers are the ones you predicted.

# %%
image = torch.randn(1, 1, 5, 5)
print(f"{'layer':<22}{'output shape':<26}{'your prediction':<18}")
for name, stride, padding in [("shape_s1p1", 1, 1), ("shape_s2p0", 2, 0), ("shape_s2p2", 2, 2)]:
    layer = nn.Conv2d(1, 2, kernel_size=3, stride=stride, padding=padding)
    out = layer(image)
    print(f"stride {stride}, padding {padding}  {str(tuple(out.shape)):<26}{str(globals()[name]):<18}")

# %% [markdown]
# Stride 1 with padding 1 keeps the size: the two zeros added make up for the two
# pixels a $3\times3$ window loses. Stride 2 roughly halves it, and padding 2 on top
# gives back more than the kernel takes away.
#
# ## Part B: `conv_output_size` (16 points)
#
# Write `conv_output_size(size, kernel, stride=1, padding=0, dilation=1)`, the
# formula above as a function. Each argument is either an int (the same on both
# axes) or an `(h, w)` pair: a tuple or a list (a `torch.Size` such as
# `x.shape[-2:]` counts as a tuple). Return
#
# * an **int** when every argument is an int, e.g. `conv_output_size(7, 3, stride=2, padding=1) == 4`;
# * an **`(h, w)` tuple** of ints as soon as one argument is a pair, each axis
#   computed with its own values, e.g. `conv_output_size((5, 7), 3) == (3, 5)`.
#
# When the padded input is shorter than the effective kernel on either axis, no
# window fits and the output would be empty. `nn.Conv2d` then fails with a
# `RuntimeError` deep inside PyTorch; your function should raise a
# **`ValueError`** whose message says why.
#
# *Careful with the rounding.* The numerator $n + 2p - d(k-1) - 1$ is negative for an
# empty output, and `int()` rounds toward zero, not down: for $n=1$, $k=4$, $p=1$,
# $s=2$ the numerator is $-1$, `int(-1 / 2) + 1` is 1, but
# $\lfloor -1/2 \rfloor + 1 = 0$. Floor division `//` rounds down for negative numbers too.
#
# Compute the size from the formula: the tests check that your function runs no
# convolution.

# %% answer id=conv_output_size
def conv_output_size(
    size: int | tuple[int, int],
    kernel: int | tuple[int, int],
    stride: int | tuple[int, int] = 1,
    padding: int | tuple[int, int] = 0,
    dilation: int | tuple[int, int] = 1,
) -> int | tuple[int, int]:
    """Output size of nn.Conv2d along each axis: floor((n + 2p - d(k - 1) - 1) / s) + 1.

    Every argument is an int or an (h, w) pair. Returns an int when all are ints,
    else an (h, w) tuple. Raises ValueError when the output would be empty.
    """
    ### BEGIN SOLUTION
    args = (size, kernel, stride, padding, dilation)
    per_axis = [tuple(a) if isinstance(a, (tuple, list)) else (a, a) for a in args]
    out = []
    for n, k, s, p, d in zip(*per_axis):
        span = n + 2 * p - d * (k - 1) - 1
        if span < 0:
            raise ValueError(
                f"the output would be empty: the padded input ({n} + 2*{p} = {n + 2 * p} pixels) "
                f"is shorter than the effective kernel ({d}*({k} - 1) + 1 = {d * (k - 1) + 1} pixels)"
            )
        out.append(span // s + 1)
    if any(isinstance(a, (tuple, list)) for a in args):
        return tuple(out)
    return out[0]
    ### END SOLUTION

# %% test id=conv_output_size_ints points=8
"""conv_output_size with ints: the worked examples, then every small case against nn.Conv2d"""
import torch
import torch.nn as nn
from course_utils import check_returns, forbid
from course_utils.checks import LIBRARY_CONVOLUTIONS

check_returns(4, conv_output_size, 7, 3, stride=2, padding=1)
check_returns(3, conv_output_size, 7, 3, stride=2, padding=1, dilation=2)
check_returns(3, conv_output_size, 5, 3)
check_returns(5, conv_output_size, 5, 3, padding=1)
check_returns(12, conv_output_size, 28, 5, stride=2)
### BEGIN HIDDEN TESTS
cases = []
with torch.no_grad():
    for n in range(1, 10):
        for k in range(1, 5):
            for s in range(1, 4):
                for p in range(3):
                    for d in range(1, 4):
                        layer = nn.Conv2d(1, 1, k, stride=s, padding=p, dilation=d, bias=False)
                        try:
                            expected = layer(torch.zeros(1, 1, n, n)).shape[-1]
                        except RuntimeError:
                            continue  # an empty output: the next test cell checks those
                        cases.append(((n, k, s, p, d), expected))
assert len(cases) > 700
with forbid(*LIBRARY_CONVOLUTIONS, namespace=globals(), torch_ops=("conv",),
            reason="compute the size from the formula, without running a convolution."):
    for (n, k, s, p, d), expected in cases:
        check_returns(expected, conv_output_size, n, k, stride=s, padding=p, dilation=d)
    check_returns(112, conv_output_size, 224, 7, 2, 3)  # ResNet's first layer, arguments by position
    check_returns(4, conv_output_size, size=10, kernel=3, stride=3, padding=2, dilation=2)
    check_returns(1, conv_output_size, 5, 5)
### END HIDDEN TESTS

# %% test id=conv_output_size_pairs points=4
"""conv_output_size with (h, w) pairs: each axis with its own values, an (h, w) tuple back"""
import random

import torch
import torch.nn as nn
from course_utils import check_returns

check_returns((3, 5), conv_output_size, (5, 7), 3)
check_returns((2, 6), conv_output_size, (6, 6), (3, 1), stride=(2, 1))
### BEGIN HIDDEN TESTS
rng = random.Random(0)
tested = 0
with torch.no_grad():
    while tested < 250:
        h, w = rng.randint(1, 12), rng.randint(1, 12)
        kh, kw, sh, sw = rng.randint(1, 5), rng.randint(1, 5), rng.randint(1, 3), rng.randint(1, 3)
        ph, pw, dh, dw = rng.randint(0, 2), rng.randint(0, 2), rng.randint(1, 3), rng.randint(1, 3)
        layer = nn.Conv2d(1, 1, (kh, kw), stride=(sh, sw), padding=(ph, pw), dilation=(dh, dw), bias=False)
        try:
            expected = tuple(layer(torch.zeros(1, 1, h, w)).shape[-2:])
        except RuntimeError:
            continue  # an empty output: the next test cell checks those
        # Each argument is passed as a pair, or as an int when its two values agree;
        # at least one of them is a pair.
        args = [(h, w), (kh, kw), (sh, sw), (ph, pw), (dh, dw)]
        args = [a if a[0] != a[1] or rng.random() < 0.5 else a[0] for a in args]
        if not any(isinstance(a, tuple) for a in args):
            args[tested % 5] = (args[tested % 5],) * 2
        size, kernel, stride, padding, dilation = args
        check_returns(expected, conv_output_size, size, kernel, stride=stride, padding=padding, dilation=dilation)
        tested += 1
# An int size with a pair elsewhere, lists, and a torch.Size.
check_returns((7, 5), conv_output_size, 9, (3, 5))
check_returns((7, 4), conv_output_size, 9, 3, stride=(1, 2))
check_returns((7, 3), conv_output_size, 9, 3, dilation=(1, 3))
check_returns((4, 8), conv_output_size, 6, 3, padding=(0, 2))
check_returns((3, 4), conv_output_size, [8, 11], [3, 2], stride=[2, 3])
check_returns((5, 3), conv_output_size, torch.zeros(2, 3, 10, 6).shape[-2:], 3, stride=2, padding=1)
check_returns((2, 2), conv_output_size, (4, 4), 3)
### END HIDDEN TESTS

# %% test id=conv_output_size_empty points=4
"""conv_output_size raises ValueError, with a message, when the output would be empty"""


def check_raises_value_error(call, thunk):
    try:
        got = thunk()
    except ValueError as error:
        assert str(error).strip(), f"{call}: raised ValueError without a message; say why the output is empty"
        return
    except Exception as error:
        raise AssertionError(f"{call}: raised {type(error).__name__} ({error}), expected a ValueError "
                             "(the output would be empty)") from error
    raise AssertionError(f"{call}: returned {got!r}, expected a ValueError (the output would be empty: "
                         "nn.Conv2d refuses this input)")


check_raises_value_error("conv_output_size(2, 3)", lambda: conv_output_size(2, 3))
check_raises_value_error("conv_output_size(4, 3, dilation=2)", lambda: conv_output_size(4, 3, dilation=2))
### BEGIN HIDDEN TESTS
import torch
import torch.nn as nn

empty = []
with torch.no_grad():
    for n in range(1, 8):
        for k in range(1, 6):
            for s in range(1, 4):
                for p in range(3):
                    for d in range(1, 4):
                        layer = nn.Conv2d(1, 1, k, stride=s, padding=p, dilation=d, bias=False)
                        try:
                            layer(torch.zeros(1, 1, n, n))
                        except RuntimeError:
                            empty.append((n, k, s, p, d))
assert (1, 4, 2, 1, 1) in empty and len(empty) > 100
for n, k, s, p, d in empty:
    check_raises_value_error(f"conv_output_size({n}, {k}, stride={s}, padding={p}, dilation={d})",
                             lambda: conv_output_size(n, k, stride=s, padding=p, dilation=d))
# Numerators of -1 and -2 with strides 2 and 3: int() would round them up to 0.
for n, k, s, p, d in [(1, 4, 2, 1, 1), (2, 5, 2, 1, 1), (1, 5, 3, 1, 1), (3, 3, 2, 0, 2), (1, 3, 3, 0, 1)]:
    check_raises_value_error(f"conv_output_size({n}, {k}, stride={s}, padding={p}, dilation={d})",
                             lambda: conv_output_size(n, k, stride=s, padding=p, dilation=d))
# One empty axis is enough.
check_raises_value_error("conv_output_size((5, 1), 3)", lambda: conv_output_size((5, 1), 3))
check_raises_value_error("conv_output_size((1, 8), (4, 3), stride=2, padding=1)",
                         lambda: conv_output_size((1, 8), (4, 3), stride=2, padding=1))
check_raises_value_error("conv_output_size(6, 3, dilation=(1, 3))", lambda: conv_output_size(6, 3, dilation=(1, 3)))
### END HIDDEN TESTS

# %% [markdown]
# The floor makes the output size a staircase in the input size: with stride $s$,
# $s$ consecutive input sizes give the same output size, and the pixels that do not
# fill a whole step are silently ignored.

# %%
sizes = np.arange(1, 21)
fig, ax = plt.subplots(figsize=(6, 3.5))
for stride in (1, 2, 3):
    ax.step(sizes, [conv_output_size(int(n), 3, stride=stride, padding=1) for n in sizes], where="mid",
            marker="o", markersize=3, label=f"stride {stride}")
ax.set_xlabel("input size $n$ (pixels)")
ax.set_ylabel("output size (pixels)")
ax.set_title("3x3 convolution with padding 1: output size vs input size")
ax.legend()
fig.tight_layout()

# %% [markdown]
# ## Part C: `same_padding` and `padding="same"` (11 points)
#
# At stride 1 the output size is $n + 2p - d(k-1)$, so it equals the input size
# exactly when $2p = d(k-1)$: the padding on each side is half the effective kernel
# minus one,
#
# $$p = \frac{d\,(k-1)}{2}.$$
#
# That is a whole number only when the effective kernel $d(k-1)+1$ is **odd**. For an
# even effective kernel (a $2\times2$ or $4\times4$ kernel without dilation) no
# padding that is the same on both sides keeps the size.
#
# **Worked example.** A $5 \times 5$ kernel with dilation 2 spans $2 \cdot 4 + 1 = 9$
# pixels, so it needs $p = 2 \cdot 4 / 2 = 4$ zeros on each side. A $2\times2$ kernel with
# dilation 2 spans 3 pixels and needs $p = 1$.
#
# Write `same_padding(kernel_size, dilation=1)`: ints in, an int out; as soon as
# one argument is an `(h, w)` pair, an `(h, w)` tuple out, each axis on its own.
# Raise a `ValueError` with a message when the effective kernel is even on either
# axis.

# %% answer id=same_padding
def same_padding(
    kernel_size: int | tuple[int, int],
    dilation: int | tuple[int, int] = 1,
) -> int | tuple[int, int]:
    """Padding p = d(k - 1) / 2 per axis that keeps the size at stride 1.

    Returns an int when both arguments are ints, else an (h, w) tuple.
    Raises ValueError when the effective kernel d(k - 1) + 1 is even on either axis.
    """
    ### BEGIN SOLUTION
    args = (kernel_size, dilation)
    per_axis = [tuple(a) if isinstance(a, (tuple, list)) else (a, a) for a in args]
    pads = []
    for k, d in zip(*per_axis):
        total = d * (k - 1)
        if total % 2:
            raise ValueError(f"the effective kernel {d}*({k} - 1) + 1 = {total + 1} is even: "
                             "no padding, the same on both sides, keeps the size")
        pads.append(total // 2)
    if any(isinstance(a, (tuple, list)) for a in args):
        return tuple(pads)
    return pads[0]
    ### END SOLUTION

# %% test id=same_padding_correct points=5
"""same_padding: the padding that keeps the size at stride 1 (ints, dilation, pairs)"""
import torch
import torch.nn.functional as F
from course_utils import check_returns

check_returns(1, same_padding, 3)
check_returns(4, same_padding, 5, dilation=2)
check_returns((1, 2), same_padding, (3, 5))
### BEGIN HIDDEN TESTS
def size_keeping_padding(k, d):
    """The padding with which F.conv2d keeps a 12-pixel input at 12 pixels (None if there is none)."""
    x, w = torch.zeros(1, 1, 12, 1), torch.zeros(1, 1, k, 1)
    for p in range(20):
        try:
            if F.conv2d(x, w, padding=(p, 0), dilation=(d, 1)).shape[-2] == 12:
                return p
        except RuntimeError:  # the kernel does not fit yet
            continue
    return None


for k in range(1, 10):
    for d in range(1, 5):
        expected = size_keeping_padding(k, d)
        if expected is not None:
            check_returns(expected, same_padding, k, dilation=d)
            check_returns(expected, same_padding, k, d)
assert size_keeping_padding(2, 2) == 1 and size_keeping_padding(4, 2) == 3
check_returns(0, same_padding, 1)
check_returns((0, 3), same_padding, (1, 7))
check_returns((1, 2), same_padding, 3, dilation=(1, 2))
check_returns((2, 2), same_padding, (3, 5), (2, 1))
check_returns((1, 3), same_padding, (2, 3), (2, 3))
check_returns((2, 2), same_padding, [5, 5])
check_returns((1, 1), same_padding, (3, 3))
### END HIDDEN TESTS

# %% test id=same_padding_even_kernel points=3
"""same_padding raises ValueError, with a message, when the effective kernel is even"""


def check_raises_value_error(call, thunk):
    try:
        got = thunk()
    except ValueError as error:
        assert str(error).strip(), f"{call}: raised ValueError without a message; say why"
        return
    except Exception as error:
        raise AssertionError(f"{call}: raised {type(error).__name__} ({error}), expected a ValueError "
                             "(the effective kernel is even)") from error
    raise AssertionError(f"{call}: returned {got!r}, expected a ValueError (the effective kernel is even: "
                         "no padding, the same on both sides, keeps the size)")


check_raises_value_error("same_padding(2)", lambda: same_padding(2))
### BEGIN HIDDEN TESTS
for k, d in [(4, 1), (6, 1), (2, 3), (4, 3), (8, 1), (2, 1), (6, 5)]:
    check_raises_value_error(f"same_padding({k}, dilation={d})", lambda: same_padding(k, dilation=d))
check_raises_value_error("same_padding((3, 4))", lambda: same_padding((3, 4)))
check_raises_value_error("same_padding((2, 5))", lambda: same_padding((2, 5)))
check_raises_value_error("same_padding((4, 4), (2, 1))", lambda: same_padding((4, 4), (2, 1)))
check_raises_value_error("same_padding(4, dilation=(2, 3))", lambda: same_padding(4, dilation=(2, 3)))
### END HIDDEN TESTS

# %% test id=same_padding_matches_pytorch points=3
"""A layer padded with same_padding(k, d) computes exactly what PyTorch's padding="same" computes"""
import warnings

import torch
import torch.nn as nn
from course_utils import check_close, check_shape


def compare_with_same(kernel, dilation, seed):
    torch.manual_seed(seed)
    x = torch.randn(2, 3, 9, 8)
    what = f'nn.Conv2d(kernel_size={kernel}, dilation={dilation}, padding=same_padding(...)) vs padding="same"'
    try:
        padding = same_padding(kernel, dilation)
    except Exception as error:
        raise AssertionError(f"same_padding({kernel!r}, {dilation!r}): raised {type(error).__name__} ({error}), "
                             "expected the padding that keeps the size") from error
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        reference = nn.Conv2d(3, 4, kernel, dilation=dilation, padding="same")
        ours = nn.Conv2d(3, 4, kernel, dilation=dilation, padding=padding)
        ours.load_state_dict(reference.state_dict())
        expected = reference(x)
        got = ours(x)
    check_shape(got, expected.shape, what=what)
    check_close(got, expected, what=what, atol=1e-5)


compare_with_same(3, 1, 0)
compare_with_same((3, 5), 1, 1)
### BEGIN HIDDEN TESTS
for seed, (kernel, dilation) in enumerate([(5, 1), (3, 2), (1, 1), (7, 1), ((1, 7), (1, 2)), (2, 2), ((5, 3), (1, 3)),
                                           (3, (2, 1)), ((4, 3), (2, 2))]):
    compare_with_same(kernel, dilation, seed + 2)
### END HIDDEN TESTS

# %% [markdown]
# ### `padding="same"` in PyTorch
#
# PyTorch can compute this padding itself: `nn.Conv2d(..., padding="same")`. Two
# things are worth knowing about it, and the next cell shows both.
#
# * For an **even** effective kernel it still keeps the size, by padding one more
#   row and column at the bottom and right than at the top and left (and it warns
#   that this needs an extra padded copy of the input).
# * It is allowed **only at stride 1**. With stride $s > 1$ the output has about
#   $n/s$ pixels whatever the padding, so no padding keeps the size, and the padding
#   that would give TensorFlow's "same" meaning, $\lceil n/s \rceil$ outputs, depends on
#   the input size $n$, which a layer does not know when it is built.

# %%
x = torch.arange(36.0).reshape(1, 1, 6, 6)
print(f"{'kernel':<8}{'dilation':<10}{'output':<10}{'same_padding':<14}")
for kernel, dilation in [(3, 1), (5, 1), (3, 2), (4, 1), (2, 1)]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = nn.Conv2d(1, 1, kernel, dilation=dilation, padding="same")(x)
    try:
        ours = same_padding(kernel, dilation)
    except ValueError:
        ours = "ValueError"
    note = f"  (PyTorch warned: {str(caught[0].message)[:60]}...)" if caught else ""
    print(f"{kernel:<8}{dilation:<10}{str(tuple(out.shape[-2:])):<10}{str(ours):<14}{note}")

# An even kernel: "same" pads 1 on the top/left and 2 on the bottom/right.
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    layer = nn.Conv2d(1, 1, 4, padding="same", bias=False)
    by_hand = F.conv2d(F.pad(x, (1, 2, 1, 2)), layer.weight)
    print("4x4 kernel, 'same' equals padding (left 1, right 2, top 1, bottom 2):",
          torch.allclose(layer(x), by_hand))

try:
    nn.Conv2d(1, 1, 3, stride=2, padding="same")
except ValueError as error:
    print("stride 2 with padding='same':", error)

# %% [markdown]
# ## Part D: `pool_output_size` (10 points)
#
# Max-pooling slides a window too, so its output size follows the same formula
# (without dilation here): $\lfloor (n + 2p - k)/s \rfloor + 1$. Two differences:
#
# * `stride=None`, the default of `nn.MaxPool2d`, means **stride = kernel**:
#   non-overlapping windows.
# * `ceil_mode=True` rounds **up** instead of down, so a last, partial window is kept
#   instead of dropped, with one exception: that last window must start inside the
#   input or in the left padding. If it would start in the right padding (it would
#   see nothing but padding), it is dropped. In symbols: with
#   $n_{out} = \lceil (n + 2p - k)/s \rceil + 1$, when $(n_{out} - 1)\,s \ge n + p$,
#   subtract one.
#
# PyTorch also requires $p \le k/2$; you may assume it.
#
# **Worked example.** A 6-pixel input, kernel 3, stride 2: rounding down,
# $\lfloor 3/2 \rfloor + 1 = 2$ windows (starting at 0 and 2; pixel 5 is never seen).
# With `ceil_mode=True`, $\lceil 3/2 \rceil + 1 = 3$: the third window starts at 4, inside
# the input, and covers pixels 4 and 5 only. Now a 5-pixel input, kernel 2, stride 2,
# padding 1: $\lceil 5/2 \rceil + 1 = 4$, but the fourth window would start at
# $3 \cdot 2 = 6 \ge 5 + 1$ (in padded coordinates), in the right padding, so the output has 3.
#
# Write `pool_output_size(size, kernel, stride=None, padding=0, ceil_mode=False)`,
# equal to what `nn.MaxPool2d` gives. As in Part B, each of `size`, `kernel`,
# `stride`, `padding` is an int or an `(h, w)` pair; return an int when they are all
# ints, else an `(h, w)` tuple; raise a `ValueError` with a message when the output
# would be empty (fewer than one window).

# %% answer id=pool_output_size
def pool_output_size(
    size: int | tuple[int, int],
    kernel: int | tuple[int, int],
    stride: int | tuple[int, int] | None = None,
    padding: int | tuple[int, int] = 0,
    ceil_mode: bool = False,
) -> int | tuple[int, int]:
    """Output size of nn.MaxPool2d(kernel, stride, padding, ceil_mode=ceil_mode) along each axis.

    stride=None means stride = kernel. Returns an int when all arguments are ints, else an
    (h, w) tuple. Raises ValueError when the output would be empty.
    """
    ### BEGIN SOLUTION
    if stride is None:
        stride = kernel
    args = (size, kernel, stride, padding)
    per_axis = [tuple(a) if isinstance(a, (tuple, list)) else (a, a) for a in args]
    out = []
    for n, k, s, p in zip(*per_axis):
        span = n + 2 * p - k
        count = (-(-span // s) if ceil_mode else span // s) + 1
        if ceil_mode and (count - 1) * s >= n + p:
            count -= 1  # the last window would start in the right padding
        if count < 1:
            raise ValueError(f"the output would be empty: no {k}-pixel window fits in {n} pixels "
                             f"padded with {p} on each side")
        out.append(count)
    if any(isinstance(a, (tuple, list)) for a in args):
        return tuple(out)
    return out[0]
    ### END SOLUTION

# %% test id=pool_output_size_floor points=5
"""pool_output_size (ceil_mode=False): stride None, padding, pairs, empty outputs, against nn.MaxPool2d"""
import random

import torch
import torch.nn as nn
from course_utils import check_returns

check_returns(3, pool_output_size, 6, 2)
check_returns(2, pool_output_size, 6, 3, stride=2)
check_returns(5, pool_output_size, 5, 3, stride=1, padding=1)
check_returns((3, 3), pool_output_size, (6, 9), (2, 3))
check_returns(ValueError, pool_output_size, 2, 3)
### BEGIN HIDDEN TESTS
def torch_pool(size, kernel, stride, padding, ceil_mode=False):
    """What nn.MaxPool2d gives: an int for an int size, an (h, w) tuple for a pair, ValueError if it refuses."""
    h, w = size if isinstance(size, tuple) else (size, size)
    try:
        out = nn.MaxPool2d(kernel, stride, padding, ceil_mode=ceil_mode)(torch.zeros(1, 1, h, w)).shape[-2:]
    except RuntimeError:
        return ValueError
    return tuple(out) if isinstance(size, tuple) else out[-1]


with torch.no_grad():
    for n in range(1, 11):
        for k in range(1, 6):
            for s in (None, 1, 2, 3, 4):
                for p in range(k // 2 + 1):
                    check_returns(torch_pool(n, k, s, p), pool_output_size, n, k, stride=s, padding=p)
    check_returns(3, pool_output_size, 7, 2)
    check_returns(112, pool_output_size, size=224, kernel=3, stride=2, padding=1)
    rng = random.Random(0)
    for _ in range(120):
        h, w, kh, kw = rng.randint(1, 12), rng.randint(1, 12), rng.randint(1, 5), rng.randint(1, 5)
        ph, pw = rng.randint(0, kh // 2), rng.randint(0, kw // 2)
        stride = rng.choice([None, (rng.randint(1, 4), rng.randint(1, 4)), rng.randint(1, 4)])
        padding = (ph, pw) if ph != pw or rng.random() < 0.5 else ph
        check_returns(torch_pool((h, w), (kh, kw), stride, padding), pool_output_size, (h, w), (kh, kw),
                      stride=stride, padding=padding)
    check_returns((7, 3), pool_output_size, 9, 3, stride=(1, 3))
    check_returns((4, 5), pool_output_size, 8, 2, padding=(0, 1))
    check_returns(ValueError, pool_output_size, 1, 4, stride=2, padding=1)  # int() would give 1
    check_returns(ValueError, pool_output_size, (6, 2), 3)
### END HIDDEN TESTS

# %% test id=pool_output_size_ceil points=5
"""pool_output_size with ceil_mode=True: round up, but drop a last window that starts in the right padding"""
import random

import torch
import torch.nn as nn
from course_utils import check_returns

check_returns(3, pool_output_size, 6, 3, stride=2, ceil_mode=True)
check_returns(3, pool_output_size, 5, 2, stride=2, padding=1, ceil_mode=True)
### BEGIN HIDDEN TESTS
def torch_pool(size, kernel, stride, padding, ceil_mode=False):
    """What nn.MaxPool2d gives: an int for an int size, an (h, w) tuple for a pair, ValueError if it refuses."""
    h, w = size if isinstance(size, tuple) else (size, size)
    try:
        out = nn.MaxPool2d(kernel, stride, padding, ceil_mode=ceil_mode)(torch.zeros(1, 1, h, w)).shape[-2:]
    except RuntimeError:
        return ValueError
    return tuple(out) if isinstance(size, tuple) else out[-1]


with torch.no_grad():
    for n in range(1, 11):
        for k in range(1, 6):
            for s in (None, 1, 2, 3, 4):
                for p in range(k // 2 + 1):
                    check_returns(torch_pool(n, k, s, p, True), pool_output_size, n, k, stride=s, padding=p,
                                  ceil_mode=True)
    # A window that starts inside the input may stick out beyond the padding.
    check_returns(1, pool_output_size, 1, 4, stride=2, padding=1, ceil_mode=True)
    check_returns(4, pool_output_size, 7, 2, ceil_mode=True)
    rng = random.Random(1)
    for _ in range(120):
        h, w, kh, kw = rng.randint(1, 12), rng.randint(1, 12), rng.randint(1, 5), rng.randint(1, 5)
        ph, pw = rng.randint(0, kh // 2), rng.randint(0, kw // 2)
        stride = rng.choice([None, (rng.randint(1, 4), rng.randint(1, 4))])
        check_returns(torch_pool((h, w), (kh, kw), stride, (ph, pw), True), pool_output_size, (h, w), (kh, kw),
                      stride=stride, padding=(ph, pw), ceil_mode=True)
### END HIDDEN TESTS

# %% [markdown]
# ## Part E: `TwoConvNet` (12 points)
#
# Now a small network, as in the origin notebook: two convolutional layers, then a
# linear classifier.
#
# | layer | what | shape of its output for an input `(N, C, H, W)` |
# |---|---|---|
# | 1 | `nn.Conv2d(in_channels, 16, kernel_size=3, padding=1)` | `(N, 16, H, W)` |
# | 2 | `nn.Conv2d(16, 32, kernel_size=3, padding=1)` | `(N, 32, H, W)` |
# | 3 | flatten, as `nn.Flatten()` or `x.flatten(1)` do | `(N, 32·H·W)` |
# | 4 | `nn.Linear(32·H·W, num_classes)` | `(N, num_classes)` |
#
# Both convolutions keep the spatial size (stride 1, padding 1 = `same_padding(3)`),
# and both have biases (PyTorch's default). The output is the linear layer's output
# (the class scores, no softmax).
#
# **Activations.** The origin notebook put nothing between the layers, which makes
# the whole network one linear map; a real network would put a ReLU after each
# convolution. Both are accepted here: a ReLU after each convolution is **optional**.
# It changes neither a shape nor the number of parameters. Add no other layers.
#
# **Any image size.** The linear layer's input size, $32 \cdot H \cdot W$, depends on the
# image size. The origin notebook wrote it for $5 \times 5$ images only, so its network
# broke on any other size. Compute it in `__init__` from `height` and `width` (do not
# use `nn.LazyLinear`), so that `TwoConvNet(3, 32, 24, 10)` takes `(N, 3, 32, 24)` images.
#
# For the default arguments, a `(1, 1, 5, 5)` input gives `(1, 16, 5, 5)`, then
# `(1, 32, 5, 5)`, then `(1, 800)`, then `(1, 2)`.

# %% answer id=two_conv_net
class TwoConvNet(nn.Module):
    """conv 3x3 (in_channels -> 16, padding 1) -> [ReLU] -> conv 3x3 (16 -> 32, padding 1) -> [ReLU]
    -> flatten -> linear (32 * height * width -> num_classes).

    forward: (N, in_channels, height, width) -> (N, num_classes).
    """

    def __init__(self, in_channels: int = 1, height: int = 5, width: int = 5, num_classes: int = 2) -> None:
        super().__init__()
        ### BEGIN SOLUTION
        self.conv1 = nn.Conv2d(in_channels, 16, kernel_size=3, padding=1)
        self.conv2 = nn.Conv2d(16, 32, kernel_size=3, padding=1)
        self.fc = nn.Linear(32 * height * width, num_classes)
        ### END SOLUTION

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        ### BEGIN SOLUTION
        x = F.relu(self.conv1(x))
        x = F.relu(self.conv2(x))
        return self.fc(x.flatten(1))
        ### END SOLUTION

# %% test id=two_conv_net_layers points=6
"""TwoConvNet has exactly the layers asked for: two Conv2d (16 then 32 filters, 3x3, padding 1) and one Linear"""
import torch.nn as nn


def check_layers(net, in_channels, height, width, num_classes):
    call = f"TwoConvNet({in_channels}, {height}, {width}, {num_classes})"
    convs = [m for m in net.modules() if isinstance(m, nn.Conv2d)]
    linears = [m for m in net.modules() if isinstance(m, nn.Linear)]
    assert len(convs) == 2 and len(linears) == 1, \
        f"{call}: found {len(convs)} nn.Conv2d and {len(linears)} nn.Linear modules, expected 2 and 1"
    found = sorted((c.in_channels, c.out_channels) for c in convs)
    expected = sorted([(in_channels, 16), (16, 32)])
    assert found == expected, f"{call}: Conv2d (in_channels, out_channels) are {found}, expected {expected}"
    for conv in convs:
        what = f"{call}: Conv2d({conv.in_channels}, {conv.out_channels})"
        assert tuple(conv.kernel_size) == (3, 3), f"{what} has kernel_size {conv.kernel_size}, expected (3, 3)"
        assert conv.padding in ((1, 1), "same"), f"{what} has padding {conv.padding}, expected (1, 1)"
        assert conv.padding_mode == "zeros", f"{what} pads with {conv.padding_mode!r}, expected zeros (the default)"
        assert tuple(conv.stride) == (1, 1), f"{what} has stride {conv.stride}, expected (1, 1)"
        assert tuple(conv.dilation) == (1, 1), f"{what} has dilation {conv.dilation}, expected (1, 1)"
        assert conv.groups == 1, f"{what} has groups={conv.groups}, expected 1"
        assert conv.bias is not None, f"{what} has no bias; keep PyTorch's default bias=True"
    fc = linears[0]
    assert (fc.in_features, fc.out_features) == (32 * height * width, num_classes), \
        (f"{call}: Linear({fc.in_features}, {fc.out_features}), expected "
         f"Linear({32 * height * width}, {num_classes}) (32 channels x {height} x {width} pixels)")
    assert fc.bias is not None, f"{call}: the Linear layer has no bias; keep PyTorch's default bias=True"
    expected_count = sum(p.numel() for m in (*convs, fc) for p in m.parameters())
    got_count = sum(p.numel() for p in net.parameters())
    assert got_count == expected_count, \
        f"{call}: the model has {got_count} parameters, expected {expected_count} (only the three layers)"


def build(*args, **kwargs):
    call = f"TwoConvNet({', '.join([repr(a) for a in args] + [f'{k}={v!r}' for k, v in kwargs.items()])})"
    try:
        return TwoConvNet(*args, **kwargs)
    except Exception as error:
        raise AssertionError(f"{call}: raised {type(error).__name__} ({error}) while building the network") from error


check_layers(build(), 1, 5, 5, 2)
### BEGIN HIDDEN TESTS
import torch

for args in [(3, 7, 4, 10), (1, 28, 28, 10), (2, 1, 9, 3), (4, 6, 6, 1), (1, 5, 5, 2)]:
    torch.manual_seed(0)
    check_layers(build(*args), *args)
torch.manual_seed(0)
check_layers(build(in_channels=3, height=8, width=11, num_classes=4), 3, 8, 11, 4)
### END HIDDEN TESTS

# %% test id=two_conv_net_forward points=6
"""TwoConvNet's forward pass: (N, C, H, W) -> (N, num_classes) through its layers, for several image sizes"""
import torch
import torch.nn as nn
import torch.nn.functional as F
from course_utils import check_close, check_shape


def check_forward(args, batch, seed):
    in_channels, height, width, num_classes = args
    call = f"TwoConvNet{args}(x of shape {(batch, in_channels, height, width)})"
    torch.manual_seed(seed)
    x = torch.randn(batch, in_channels, height, width)
    try:
        net = TwoConvNet(*args)
        got = net(x)
    except Exception as error:
        raise AssertionError(f"{call}: raised {type(error).__name__} ({error}), "
                             f"expected an output of shape {(batch, num_classes)}") from error
    check_shape(got, (batch, num_classes), what=call)
    # The output is the layers applied in order, with or without a ReLU after each convolution.
    convs = sorted((m for m in net.modules() if isinstance(m, nn.Conv2d)), key=lambda c: c.out_channels)
    linears = [m for m in net.modules() if isinstance(m, nn.Linear)]
    assert len(convs) == 2 and len(linears) == 1, \
        f"{call}: found {len(convs)} nn.Conv2d and {len(linears)} nn.Linear modules, expected 2 and 1"
    fc = linears[0]
    with torch.no_grad():
        candidates = []
        for relu1 in (False, True):
            for relu2 in (False, True):
                h = convs[0](x)
                h = F.relu(h) if relu1 else h
                h = convs[1](h)
                h = F.relu(h) if relu2 else h
                candidates.append(fc(h.flatten(1)))
    errors = [(got.detach() - c).abs().max().item() for c in candidates]
    assert min(errors) < 1e-4, (f"{call}: the output is not conv1 -> [ReLU] -> conv2 -> [ReLU] -> flatten -> linear "
                                f"(largest difference from the closest of the four: {min(errors):.3g})")


check_forward((1, 5, 5, 2), 1, 0)
### BEGIN HIDDEN TESTS
for seed, (args, batch) in enumerate([((1, 5, 5, 2), 3), ((3, 7, 4, 10), 2), ((1, 28, 28, 10), 2), ((2, 1, 9, 3), 4),
                                      ((1, 6, 6, 2), 1), ((4, 3, 8, 1), 5)]):
    check_forward(args, batch, seed + 1)
### END HIDDEN TESTS

# %% [markdown]
# Why the origin notebook's network broke on other sizes: its linear layer expected
# $32 \cdot 5 \cdot 5 = 800$ features, whatever the image.

# %%
hard_coded = nn.Sequential(nn.Conv2d(1, 16, 3, padding=1), nn.Conv2d(16, 32, 3, padding=1), nn.Flatten(),
                           nn.Linear(32 * 5 * 5, 2))
for side in (5, 6):
    try:
        shape = tuple(hard_coded(torch.randn(1, 1, side, side)).shape)
        print(f"{side}x{side} image: output {shape}")
    except RuntimeError as error:
        print(f"{side}x{side} image: RuntimeError: {error}")
for side in (5, 6):
    print(f"TwoConvNet(1, {side}, {side}, 2) on a {side}x{side} image: output",
          tuple(TwoConvNet(1, side, side, 2)(torch.randn(1, 1, side, side)).shape))

# %% [markdown]
# ## Part F: `count_parameters` (6 points)
#
# Write `count_parameters(model)`: the number of **trainable** numbers in a model,
# that is, the total number of elements of its parameters that have
# `requires_grad=True`. Frozen parameters (`requires_grad=False`, as when a
# pretrained layer is kept fixed) and buffers (a batch-norm layer's running mean and
# variance, which are not parameters at all) do not count; a parameter shared by
# two layers counts once. Return an int.
#
# **Worked example.** `nn.Linear(3, 2)` has a $2 \times 3$ weight and 2 biases: 8
# parameters. `nn.Conv2d(1, 4, 3)` has a $4 \times 1 \times 3 \times 3$ weight and 4 biases: 40.

# %% answer id=count_parameters
def count_parameters(model: nn.Module) -> int:
    """Number of trainable parameters (elements of parameters with requires_grad=True) of model."""
    ### BEGIN SOLUTION
    return sum(p.numel() for p in model.parameters() if p.requires_grad)
    ### END SOLUTION

# %% test id=count_parameters_correct points=6
"""count_parameters: small layers, a frozen layer, batch norm buffers, a shared layer"""
import numbers

import torch
import torch.nn as nn
from course_utils import check_plain


def check_count(model, expected, what):
    try:
        got = count_parameters(model)
    except Exception as error:
        raise AssertionError(f"count_parameters({what}): raised {type(error).__name__} ({error}), "
                             f"expected {expected}") from error
    check_plain(got, what=f"count_parameters({what})")
    assert isinstance(got, numbers.Integral) and not isinstance(got, bool), \
        f"count_parameters({what}): returned {got!r} ({type(got).__name__}), expected the int {expected}"
    assert got == expected, f"count_parameters({what}): got {got}, expected {expected}"


torch.manual_seed(0)
check_count(nn.Linear(3, 2), 8, "nn.Linear(3, 2)")
check_count(nn.Sequential(nn.Conv2d(1, 4, 3), nn.ReLU(), nn.Flatten(), nn.Linear(4, 2)), 50,
            "Conv2d(1, 4, 3), ReLU, Flatten, Linear(4, 2)")
frozen = nn.Sequential(nn.Linear(3, 2), nn.Linear(2, 2))
frozen[0].requires_grad_(False)
check_count(frozen, 6, "Linear(3, 2) frozen, Linear(2, 2)")
### BEGIN HIDDEN TESTS
check_count(nn.Sequential(nn.Conv2d(3, 8, 3), nn.BatchNorm2d(8), nn.ReLU()), 3 * 8 * 9 + 8 + 16,
            "Conv2d(3, 8, 3), BatchNorm2d(8), ReLU (the running statistics are buffers)")
shared = nn.Linear(4, 4)
check_count(nn.Sequential(shared, nn.ReLU(), shared), 20, "Sequential(shared Linear(4, 4), ReLU, the same Linear)")
nested = nn.Sequential(nn.Sequential(nn.Linear(5, 3), nn.Sequential(nn.Linear(3, 2))), nn.Linear(2, 1))
check_count(nested, 18 + 8 + 3, "nested Sequentials of Linear(5, 3), Linear(3, 2), Linear(2, 1)")
no_bias = nn.Conv2d(2, 3, (1, 5), bias=False)
check_count(no_bias, 30, "nn.Conv2d(2, 3, (1, 5), bias=False)")
partly = nn.Linear(6, 4)
partly.bias.requires_grad_(False)
check_count(partly, 24, "nn.Linear(6, 4) with a frozen bias")
all_frozen = nn.Sequential(nn.Linear(3, 3)).requires_grad_(False)
check_count(all_frozen, 0, "a fully frozen Linear(3, 3)")
check_count(nn.ReLU(), 0, "nn.ReLU()")


class WithExtras(nn.Module):
    def __init__(self):
        super().__init__()
        self.scale = nn.Parameter(torch.ones(3, 2))
        self.register_buffer("counter", torch.zeros(10))
        self.fixed = nn.Parameter(torch.zeros(7), requires_grad=False)


check_count(WithExtras(), 6, "a module with a (3, 2) parameter, a frozen (7,) parameter and a (10,) buffer")
tied_a, tied_b = nn.Linear(4, 4), nn.Linear(4, 4, bias=False)
tied_b.weight = tied_a.weight  # weight tying: two layers, one weight
check_count(nn.Sequential(tied_a, nn.ReLU(), tied_b), 20,
            "Linear(4, 4) and a bias-free Linear(4, 4) sharing one weight (tied weights count once)")


class WithScalar(nn.Module):
    def __init__(self):
        super().__init__()
        self.temperature = nn.Parameter(torch.tensor(1.0))  # a 0-d parameter
        self.linear = nn.Linear(2, 2)


check_count(WithScalar(), 7, "a module with a 0-d parameter and a Linear(2, 2)")
### END HIDDEN TESTS

# %% [markdown]
# ## Part G: `two_conv_param_count` (7 points)
#
# Count `TwoConvNet`'s parameters without building it. A convolution with $C_{in}$
# input channels, $C_{out}$ filters and a $k \times k$ kernel has $C_{out} \cdot C_{in} \cdot k^2$
# weights and $C_{out}$ biases; a linear layer from $m$ to $c$ features has $c \cdot m$
# weights and $c$ biases.
#
# **Worked example.** For one input channel, $5 \times 5$ images and 2 classes:
#
# * first convolution: $16 \cdot 1 \cdot 9 + 16 = 160$;
# * second convolution: $32 \cdot 16 \cdot 9 + 32 = 4640$;
# * linear layer: $2 \cdot (32 \cdot 5 \cdot 5) + 2 = 1602$;
#
# in all $6402$.
#
# Write `two_conv_param_count(in_channels, height, width, num_classes)`, the closed
# form, returning an int equal to `count_parameters(TwoConvNet(in_channels, height,
# width, num_classes))`. Do not build the network (it may be large).

# %% answer id=two_conv_param_count
def two_conv_param_count(in_channels: int, height: int, width: int, num_classes: int) -> int:
    """Parameters of TwoConvNet(in_channels, height, width, num_classes), weights and biases, in closed form."""
    ### BEGIN SOLUTION
    conv1 = 16 * in_channels * 3 * 3 + 16
    conv2 = 32 * 16 * 3 * 3 + 32
    fc = num_classes * 32 * height * width + num_classes
    return conv1 + conv2 + fc
    ### END SOLUTION

# %% test id=two_conv_param_count_correct points=7
"""two_conv_param_count equals the parameters of the layers TwoConvNet is made of, for many arguments"""
import numbers

import torch.nn as nn
from course_utils import check_plain


def layers_count(in_channels, height, width, num_classes):
    """Counted on the real layers, built on the 'meta' device (shapes only, no memory)."""
    layers = [nn.Conv2d(in_channels, 16, 3, padding=1, device="meta"), nn.Conv2d(16, 32, 3, padding=1, device="meta"),
              nn.Linear(32 * height * width, num_classes, device="meta")]
    return sum(p.numel() for layer in layers for p in layer.parameters())


def check_count(args, expected):
    call = f"two_conv_param_count{args}"
    try:
        got = two_conv_param_count(*args)
    except Exception as error:
        raise AssertionError(f"{call}: raised {type(error).__name__} ({error}), expected {expected}") from error
    check_plain(got, what=call)
    assert isinstance(got, numbers.Integral) and not isinstance(got, bool), \
        f"{call}: returned {got!r} ({type(got).__name__}), expected the int {expected}"
    assert got == expected, f"{call}: got {got}, expected {expected}"


check_count((1, 5, 5, 2), 6402)
### BEGIN HIDDEN TESTS
# A closed form, not a count of built layers: building them is ruled out here (for
# (3, 4096, 4096, 1000) the Linear layer alone would need 2 TB). First, so that an answer
# that builds them fails at once, before the cases below allocate gigabytes for it.
from course_utils import forbid

with forbid("torch.nn.Conv2d", "torch.nn.Linear", "torch.nn.LazyLinear", namespace=globals(),
            reason="two_conv_param_count must compute the count from the formula, without building layers."):
    check_count((3, 4096, 4096, 1000), 16 * (3 * 9 + 1) + 32 * (16 * 9 + 1) + 1000 * (32 * 4096 * 4096 + 1))
for args in [(1, 5, 5, 2), (3, 32, 32, 10), (1, 28, 28, 10), (2, 7, 4, 3), (4, 1, 1, 1), (1, 9, 2, 5),
             (3, 224, 224, 1000), (5, 3, 6, 7), (1, 1, 1, 2), (8, 12, 5, 4)]:
    check_count(args, layers_count(*args))
### END HIDDEN TESTS

# %% [markdown]
# Where do the parameters sit? The linear layer holds almost all of them, and its
# size grows with the image area, which is why real networks shrink the image
# (strides, pooling) before flattening it.

# %%
print(f"{'input':<14}{'conv1':>8}{'conv2':>8}{'linear':>12}{'total':>12}{'closed form':>13}")
for args in [(1, 5, 5, 2), (1, 28, 28, 10), (3, 64, 64, 10)]:
    net = TwoConvNet(*args)
    per_layer = [count_parameters(m) for m in net.modules() if isinstance(m, (nn.Conv2d, nn.Linear))]
    label = f"{args[0]}x{args[1]}x{args[2]}"
    print(f"{label:<14}{per_layer[0]:>8}{per_layer[1]:>8}{per_layer[2]:>12}{count_parameters(net):>12}"
          f"{two_conv_param_count(*args):>13}")

# %% [markdown]
# ## Part H: `receptive_field` (12 points)
#
# The **receptive field** of an output pixel is the square (or rectangle) of input
# pixels that can influence it. One $3\times3$ convolution sees $3\times3$ pixels; a second one on top
# sees $3\times3$ pixels of the first layer's output, which together cover
# $5 \times 5$ input pixels. Strides make it grow faster: after a stride-2 layer,
# neighbouring pixels are 2 input pixels apart, so each further tap reaches 2 pixels
# further. That distance, between the centres of the receptive fields of two
# neighbouring output pixels, is the **jump** $j$.
#
# Starting from the input ($r = 1$, $j = 1$), each layer with kernel $k$, stride $s$
# and dilation $d$ updates them as
#
# $$r \leftarrow r + d\,(k - 1)\, j, \qquad j \leftarrow j \cdot s.$$
#
# The jump is updated **after** the receptive field: a layer's own taps are spaced
# by the jump of its input. Padding does not change either number (it only moves
# the field).
#
# **Worked example.** `Conv2d(3×3)`, `MaxPool2d(2)`, `Conv2d(3×3)`: the first conv
# gives $r = 1 + 2 \cdot 1 = 3$, $j = 1$; the pool (kernel 2, stride 2) gives
# $r = 3 + 1 \cdot 1 = 4$, $j = 2$; the second conv gives $r = 4 + 2 \cdot 2 = 8$, $j = 2$.
# So `receptive_field(...) == (8, 2)`.
#
# Write `receptive_field(layers)` for a list (or an `nn.Sequential`) of modules:
#
# * `nn.Conv2d`, `nn.MaxPool2d` and `nn.AvgPool2d` change $r$ and $j$. Read `kernel_size`,
#   `stride` and (where the module has one) `dilation` from the module; each may be an
#   int or a pair (`nn.Conv2d` always stores pairs; the pooling layers keep what they
#   were given, and replace a stride of `None` by the kernel size).
# * Every other module (`nn.ReLU`, `nn.BatchNorm2d`, `nn.Dropout`, ...) works pixel by
#   pixel and changes nothing.
#
# Return `(rf, jump)`. Compute each axis on its own; each of `rf` and `jump` is an
# **int** when its height and width values agree (always the case for square
# layers) and an **`(h, w)` tuple** when they differ: a single `Conv2d` with kernel
# `(3, 5)` gives `((3, 5), 1)`.

# %% answer id=receptive_field
def receptive_field(layers) -> tuple:
    """(rf, jump) of one output pixel of a stack of Conv2d / MaxPool2d / AvgPool2d (other modules pass through).

    rf: side of the input square one output pixel sees; jump: input pixels between neighbouring outputs.
    Each is an int when height and width agree, else an (h, w) tuple.
    """
    ### BEGIN SOLUTION
    rf, jump = [1, 1], [1, 1]
    for layer in layers:
        if not isinstance(layer, (nn.Conv2d, nn.MaxPool2d, nn.AvgPool2d)):
            continue
        kernel, stride, dilation = (
            tuple(v) if isinstance(v, (tuple, list)) else (v, v)
            for v in (layer.kernel_size, layer.stride, getattr(layer, "dilation", 1))
        )
        for axis in range(2):
            rf[axis] += dilation[axis] * (kernel[axis] - 1) * jump[axis]
            jump[axis] *= stride[axis]
    return tuple(v[0] if v[0] == v[1] else tuple(v) for v in (rf, jump))
    ### END SOLUTION

# %% test id=receptive_field_square points=8
"""receptive_field of square stacks: the worked example, strides, pooling, dilation, layers that pass through"""
import numbers

import torch
import torch.nn as nn
from course_utils import check_plain


def check_rf(layers, expected, what):
    try:
        got = receptive_field(layers)
    except Exception as error:
        raise AssertionError(f"receptive_field({what}): raised {type(error).__name__} ({error}), "
                             f"expected {expected}") from error
    check_plain(got, what=f"receptive_field({what})")
    assert isinstance(got, tuple) and len(got) == 2, f"receptive_field({what}): returned {got!r}, expected (rf, jump)"
    for name, value in zip(("rf", "jump"), got):
        assert isinstance(value, numbers.Integral) and not isinstance(value, bool), \
            f"receptive_field({what}): {name} is {value!r}, expected an int (the stack is square); got {got}"
    assert got == expected, f"receptive_field({what}): got (rf, jump) = {got}, expected {expected}"


check_rf([nn.Conv2d(1, 1, 3)], (3, 1), "[Conv2d 3x3]")
check_rf([nn.Conv2d(1, 1, 3), nn.Conv2d(1, 1, 3)], (5, 1), "[Conv2d 3x3, Conv2d 3x3]")
check_rf([nn.Conv2d(1, 4, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(4, 4, 3, padding=1)], (8, 2),
         "[Conv2d 3x3, ReLU, MaxPool2d 2, Conv2d 3x3]")
### BEGIN HIDDEN TESTS
import random

import torch.nn.functional as F


def measured(layers):
    """(rf, jump) measured by autograd on a stack of single-channel all-ones convolutions
    with each layer's kernel, stride and dilation, and no padding."""
    geometry = []
    for layer in layers:
        if isinstance(layer, (nn.Conv2d, nn.MaxPool2d, nn.AvgPool2d)):
            pair = lambda v: tuple(v) if isinstance(v, (tuple, list)) else (v, v)
            geometry.append((pair(layer.kernel_size), pair(layer.stride), pair(getattr(layer, "dilation", 1))))
    side = 8
    while True:
        side *= 2
        x = torch.ones(1, 1, side, side, dtype=torch.float64, requires_grad=True)
        y = x
        try:
            for kernel, stride, dilation in geometry:
                y = F.conv2d(y, torch.ones(1, 1, *kernel, dtype=torch.float64), stride=stride, dilation=dilation)
        except RuntimeError:  # the input is too small for the stack
            continue
        if min(y.shape[-2:]) >= 2:
            break
    first, = torch.autograd.grad(y[0, 0, 0, 0], x, retain_graph=True)
    second, = torch.autograd.grad(y[0, 0, 1, 0], x)
    rows_first = first[0, 0].abs().sum(1).nonzero().flatten()
    rows_second = second[0, 0].abs().sum(1).nonzero().flatten()
    return int(rows_first.max()) + 1, int(rows_second.min())


alexnet = [nn.Conv2d(1, 2, 11, stride=4, padding=2), nn.ReLU(), nn.MaxPool2d(3, 2),
           nn.Conv2d(2, 2, 5, padding=2), nn.ReLU(), nn.MaxPool2d(3, 2),
           nn.Conv2d(2, 2, 3, padding=1), nn.ReLU(), nn.Conv2d(2, 2, 3, padding=1), nn.ReLU(),
           nn.Conv2d(2, 2, 3, padding=1)]
check_rf(alexnet, (163, 16), "AlexNet's convolutional layers")
vgg = []
for block, convs in enumerate([2, 2, 3, 3, 3]):
    for _ in range(convs):
        vgg += [nn.Conv2d(1, 1, 3, padding=1), nn.ReLU()]
    if block < 4:
        vgg.append(nn.MaxPool2d(2, 2))
check_rf(vgg, (196, 16), "VGG-16 up to conv5_3")
check_rf(nn.Sequential(*vgg), (196, 16), "nn.Sequential(VGG-16 up to conv5_3)")
check_rf([nn.Conv2d(1, 1, 3, dilation=d, padding=d) for d in (1, 2, 4, 8)], (31, 1),
         "[Conv2d 3x3 with dilation 1, 2, 4, 8]")
check_rf([nn.Conv2d(1, 1, 3, stride=2), nn.Conv2d(1, 1, 3, stride=2), nn.Conv2d(1, 1, 3)], (15, 4),
         "[Conv2d 3x3 stride 2, Conv2d 3x3 stride 2, Conv2d 3x3]")
check_rf([nn.Conv2d(1, 1, 7, stride=2, padding=3), nn.BatchNorm2d(1), nn.ReLU(), nn.MaxPool2d(3, 2, 1)], (11, 4),
         "ResNet's stem: Conv2d 7x7 stride 2, BatchNorm2d, ReLU, MaxPool2d 3 stride 2")
check_rf([nn.AvgPool2d(2), nn.AvgPool2d(3, stride=1), nn.Dropout(0.5)], (6, 2), "[AvgPool2d 2, AvgPool2d 3 stride 1, Dropout]")
check_rf([nn.MaxPool2d(3, stride=1, dilation=2), nn.Conv2d(1, 1, 2, stride=3, dilation=3)], (8, 3),
         "[MaxPool2d 3 stride 1 dilation 2, Conv2d 2x2 stride 3 dilation 3]")
check_rf([nn.ReLU(), nn.Tanh()], (1, 1), "[ReLU, Tanh] (nothing that moves pixels)")
check_rf([], (1, 1), "[] (no layer)")
rng = random.Random(0)
for _ in range(12):
    layers = []
    for _ in range(rng.randint(2, 5)):
        kind = rng.choice(["conv", "conv", "max", "avg", "relu"])
        if kind == "conv":
            layers.append(nn.Conv2d(1, 1, rng.randint(1, 4), stride=rng.randint(1, 2), padding=rng.randint(0, 1),
                                    dilation=rng.randint(1, 2)))
        elif kind == "max":
            layers.append(nn.MaxPool2d(rng.randint(2, 3), stride=rng.choice([None, 1, 2]), dilation=rng.randint(1, 2)))
        elif kind == "avg":
            layers.append(nn.AvgPool2d(rng.randint(2, 3), stride=rng.choice([None, 1, 2])))
        else:
            layers.append(nn.ReLU())
    check_rf(layers, measured(layers), " -> ".join(repr(layer) for layer in layers))
### END HIDDEN TESTS

# %% test id=receptive_field_non_square points=4
"""receptive_field per axis: non-square kernels, strides and pools give (h, w) tuples"""
import numbers

import torch
import torch.nn as nn
from course_utils import check_plain


def check_axes(layers, expected, what):
    """Compares per axis: where height and width agree, an int and an (h, h) pair are both accepted."""
    try:
        got = receptive_field(layers)
    except Exception as error:
        raise AssertionError(f"receptive_field({what}): raised {type(error).__name__} ({error}), "
                             f"expected {expected}") from error
    check_plain(got, what=f"receptive_field({what})")
    is_int = lambda v: isinstance(v, numbers.Integral) and not isinstance(v, bool)
    per_axis = lambda v: (int(v), int(v)) if is_int(v) else tuple(int(x) for x in v)
    ok = (isinstance(got, tuple) and len(got) == 2
          and all(is_int(v) or (isinstance(v, (tuple, list)) and len(v) == 2 and all(map(is_int, v))) for v in got))
    assert ok, f"receptive_field({what}): returned {got!r}, expected (rf, jump), each an int or an (h, w) pair"
    assert tuple(map(per_axis, got)) == tuple(map(per_axis, expected)), \
        f"receptive_field({what}): got (rf, jump) = {got}, expected {expected}"


check_axes([nn.Conv2d(1, 1, (3, 5))], ((3, 5), 1), "[Conv2d (3, 5)]")
### BEGIN HIDDEN TESTS
check_axes([nn.Conv2d(1, 1, (3, 1), stride=(2, 1)), nn.Conv2d(1, 1, 3)], ((7, 3), (2, 1)),
           "[Conv2d (3, 1) stride (2, 1), Conv2d 3x3]")
check_axes([nn.MaxPool2d((2, 3))], ((2, 3), (2, 3)), "[MaxPool2d (2, 3)]")
check_axes([nn.AvgPool2d(2, stride=(1, 2)), nn.Conv2d(1, 1, 3)], ((4, 6), (1, 2)),
           "[AvgPool2d 2 stride (1, 2), Conv2d 3x3]")
check_axes([nn.Conv2d(1, 1, 3, dilation=(1, 3)), nn.Conv2d(1, 1, 3, stride=2)], ((5, 9), 2),
           "[Conv2d 3x3 dilation (1, 3), Conv2d 3x3 stride 2]")
check_axes([nn.Conv2d(1, 1, (5, 3), stride=(1, 2)), nn.MaxPool2d((1, 2), stride=(2, 1), dilation=(1, 2))],
           ((5, 7), 2), "[Conv2d (5, 3) stride (1, 2), MaxPool2d (1, 2) stride (2, 1) dilation (1, 2)]")
check_axes([nn.Conv2d(1, 1, (1, 7)), nn.Conv2d(1, 1, (7, 1))], (7, 1), "[Conv2d (1, 7), Conv2d (7, 1)]")
check_axes(nn.Sequential(nn.Conv2d(1, 1, (3, 5), stride=(2, 3)), nn.ReLU(), nn.MaxPool2d(2)), ((5, 8), (4, 6)),
           "nn.Sequential(Conv2d (3, 5) stride (2, 3), ReLU, MaxPool2d 2)")
### END HIDDEN TESTS

# %% [markdown]
# ## Part I: `empirical_receptive_field` (10 points)
#
# The formula can be checked by experiment. Feed an image through the network, take
# the output pixel in the centre, and back-propagate from it: the input pixels whose
# gradient is not zero are those that influence it, and the smallest box around them
# is the receptive field.
#
# Done naively, the experiment can come out too small, because the weights can hide
# pixels: a kernel with a zero tap, a ReLU whose input is negative (its gradient is
# 0), or a max-pooling layer (it passes the gradient to the largest value of each
# window only). The receptive field is a property of the layers' **geometry**, so
# measure it on a copy of the model made to let every gradient through:
#
# 1. `copy.deepcopy(model)`, in `eval()` mode (so that `BatchNorm2d` and `Dropout` work
#    pixel by pixel); the caller's model must be left unchanged.
# 2. Set every `Conv2d` weight to the same positive value and every bias to 0
#    (`1 / fan_in`, where `fan_in = weight[0].numel()` is the number of inputs each output
#    sums over, keeps the values near 1).
# 3. Replace each `nn.MaxPool2d` by an `nn.AvgPool2d` with the same kernel, stride,
#    padding and `ceil_mode` (the models here use max-pooling without dilation).
# 4. Feed a tensor of ones of shape `(1, C, H, W)`, with $C$ the `in_channels` of the
#    model's first `Conv2d` (1 if it has none), with `requires_grad=True`. With positive
#    weights and inputs every activation is positive, so every ReLU lets the gradient through.
# 5. Back-propagate from the **centre** output pixel, `out[0, :, h_out // 2, w_out // 2]`
#    summed over the channels, and find the rows and columns where the input gradient is
#    not zero.
#
# Write `empirical_receptive_field(model, input_size)`; `input_size` is an int (a
# square image) or an `(H, W)` pair, large enough for the centre pixel's receptive
# field to fit inside. Return the side of the box as an int, or `(height, width)` when
# they differ. For a single $3\times3$ convolution and a $9 \times 9$ input the box is
# rows 3 to 5 and columns 3 to 5: the answer is 3.

# %% answer id=empirical_receptive_field
def empirical_receptive_field(model: nn.Module, input_size: int | tuple[int, int]) -> int | tuple[int, int]:
    """Side of the box of input pixels that reach the centre output pixel of model, measured by autograd
    on a copy with positive conv weights, zero biases and average instead of max pooling.

    Returns an int when the box is square, else (height, width).
    """
    ### BEGIN SOLUTION
    height, width = tuple(input_size) if isinstance(input_size, (tuple, list)) else (input_size, input_size)
    probe = copy.deepcopy(model).double().eval()
    for parent in list(probe.modules()):
        for name, child in list(parent.named_children()):
            if isinstance(child, nn.MaxPool2d):
                setattr(parent, name, nn.AvgPool2d(child.kernel_size, child.stride, child.padding,
                                                   ceil_mode=child.ceil_mode))
    convs = [m for m in probe.modules() if isinstance(m, nn.Conv2d)]
    with torch.no_grad():
        for conv in convs:
            conv.weight.fill_(1.0 / conv.weight[0].numel())
            if conv.bias is not None:
                conv.bias.zero_()
    channels = convs[0].in_channels if convs else 1
    device = next(probe.parameters(), torch.empty(0)).device  # the model's device (CPU or CUDA)
    x = torch.ones(1, channels, height, width, dtype=torch.float64, device=device, requires_grad=True)
    out = probe(x)
    out[0, :, out.shape[-2] // 2, out.shape[-1] // 2].sum().backward()
    reached = x.grad[0].abs().sum(0) > 0
    rows = reached.any(1).nonzero().flatten()
    cols = reached.any(0).nonzero().flatten()
    box = (int(rows.max() - rows.min()) + 1, int(cols.max() - cols.min()) + 1)
    return box[0] if box[0] == box[1] else box
    ### END SOLUTION

# %% test id=empirical_receptive_field_correct points=6
"""empirical_receptive_field of stacks with strides, dilation, pooling, channels, non-square kernels"""
import numbers

import torch
import torch.nn as nn
from course_utils import check_plain


def check_box(model, input_size, expected, what, seed=0):
    torch.manual_seed(seed)
    call = f"empirical_receptive_field({what}, {input_size})"
    try:
        got = empirical_receptive_field(model, input_size)
    except Exception as error:
        raise AssertionError(f"{call}: raised {type(error).__name__} ({error}), expected {expected}") from error
    check_plain(got, what=call)
    if isinstance(expected, tuple):
        assert isinstance(got, tuple) and tuple(got) == expected, f"{call}: got {got!r}, expected {expected}"
    else:
        assert isinstance(got, numbers.Integral) and not isinstance(got, bool) and got == expected, \
            f"{call}: got {got!r}, expected {expected}"


torch.manual_seed(0)
check_box(nn.Sequential(nn.Conv2d(1, 1, 3)), 9, 3, "Conv2d 3x3")
torch.manual_seed(1)
check_box(nn.Sequential(nn.Conv2d(1, 2, 3), nn.ReLU(), nn.Conv2d(2, 1, 3)), 11, 5, "Conv2d 3x3, ReLU, Conv2d 3x3")
### BEGIN HIDDEN TESTS
torch.manual_seed(2)
check_box(nn.Sequential(nn.Conv2d(1, 4, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(4, 4, 3, padding=1)),
          32, 8, "Conv2d 3x3, ReLU, MaxPool2d 2, Conv2d 3x3")
torch.manual_seed(3)
check_box(nn.Sequential(nn.Conv2d(3, 8, 3, stride=2), nn.ReLU(), nn.Conv2d(8, 8, 3, stride=2), nn.ReLU(),
                        nn.Conv2d(8, 2, 3)), 41, 15, "3 channels: Conv2d 3x3 s2, ReLU, Conv2d 3x3 s2, ReLU, Conv2d 3x3")
torch.manual_seed(4)
check_box(nn.Sequential(*[layer for d in (1, 2, 4) for layer in (nn.Conv2d(2, 2, 3, dilation=d, padding=d), nn.ReLU())]),
          33, 15, "Conv2d 3x3 with dilation 1, 2, 4 and ReLUs")
torch.manual_seed(5)
check_box(nn.Sequential(nn.Conv2d(1, 4, 5, padding=2), nn.BatchNorm2d(4), nn.ReLU(), nn.MaxPool2d(3, 2, 1),
                        nn.Conv2d(4, 4, 3, padding=1), nn.AvgPool2d(2), nn.Conv2d(4, 1, 3)),
          48, 21, "Conv2d 5x5, BatchNorm2d, ReLU, MaxPool2d 3 s2 p1, Conv2d 3x3, AvgPool2d 2, Conv2d 3x3")
torch.manual_seed(6)
check_box(nn.Sequential(nn.Conv2d(1, 3, (3, 5)), nn.ReLU(), nn.Conv2d(3, 1, (1, 3))), 15, (3, 7),
          "Conv2d (3, 5), ReLU, Conv2d (1, 3)")
torch.manual_seed(7)
check_box(nn.Sequential(nn.Conv2d(2, 2, 3, stride=(2, 1)), nn.Conv2d(2, 2, 3)), (21, 16), (7, 5),
          "Conv2d 3x3 stride (2, 1), Conv2d 3x3")
torch.manual_seed(8)
check_box(nn.Sequential(nn.MaxPool2d(2), nn.MaxPool2d(2)), 16, 4, "MaxPool2d 2, MaxPool2d 2 (no convolution)")
torch.manual_seed(9)
check_box(nn.Sequential(nn.Conv2d(1, 2, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2, ceil_mode=True),
                        nn.Conv2d(2, 2, 3, padding=1)), 15, 8, "Conv2d 3x3, ReLU, MaxPool2d 2 ceil_mode, Conv2d 3x3")
# One dilated kernel: its taps reach rows 0, 2, 4 only, but the box spans 5.
torch.manual_seed(10)
check_box(nn.Sequential(nn.Conv2d(1, 1, 3, dilation=2)), 11, 5, "Conv2d 3x3 dilation 2 (the box, not the count of taps)")
# Deep: the edge of the box gets a gradient millions of times smaller than its centre; it still counts.
torch.manual_seed(11)
check_box(nn.Sequential(*[layer for _ in range(6) for layer in (nn.Conv2d(1, 1, 5, padding=2), nn.ReLU())]),
          41, 25, "six Conv2d 5x5 with ReLUs (every non-zero gradient counts, however small)")
# Layers nested in blocks, convolutions without bias.
torch.manual_seed(12)
block = lambda c_in, c_out: nn.Sequential(nn.Conv2d(c_in, c_out, 3, padding=1, bias=False), nn.BatchNorm2d(c_out),
                                          nn.ReLU(), nn.MaxPool2d(2))
check_box(nn.Sequential(block(1, 2), nn.Sequential(block(2, 2), nn.Conv2d(2, 1, 3, padding=1, bias=False))), 32, 18,
          "nested blocks of (Conv2d 3x3 without bias, BatchNorm2d, ReLU, MaxPool2d 2), then Conv2d 3x3")
### END HIDDEN TESTS

# %% test id=empirical_receptive_field_any_weights points=4
"""empirical_receptive_field measures the geometry whatever the weights, and leaves the model unchanged"""
import numbers

import torch
import torch.nn as nn
from course_utils import check_plain


def check_measure(model, input_size, expected, what, hint=""):
    call = f"empirical_receptive_field({what}, {input_size})"
    try:
        got = empirical_receptive_field(model, input_size)
    except Exception as error:
        raise AssertionError(f"{call}: raised {type(error).__name__} ({error}), expected {expected}{hint}") from error
    check_plain(got, what=call)
    assert isinstance(got, numbers.Integral) and not isinstance(got, bool) and got == expected, \
        f"{call}: got {got!r}, expected {expected}{hint}"


torch.manual_seed(0)
model = nn.Sequential(nn.Conv2d(1, 1, 3))
with torch.no_grad():
    model[0].weight.zero_()
    model[0].weight[0, 0, 1, 1] = 1.0  # a kernel that only looks at its centre
check_measure(model, 9, 3, "Conv2d 3x3 whose weights are 0 except the centre",
              " (the receptive field is set by the kernel size, not by the weights)")
### BEGIN HIDDEN TESTS
def check_unchanged(model, before, training, what):
    after = model.state_dict()
    assert before.keys() == after.keys() and all(torch.equal(before[k], after[k]) for k in before), \
        f"empirical_receptive_field({what}) changed the model's weights: work on a copy (copy.deepcopy)"
    assert model.training == training, \
        f"empirical_receptive_field({what}) changed the model's mode (train/eval): work on a copy"


# Kernels whose outer ring is 0, and a bias that makes every ReLU dead.
torch.manual_seed(1)
model = nn.Sequential(nn.Conv2d(1, 4, 5, padding=2), nn.ReLU(), nn.Conv2d(4, 4, 5, padding=2), nn.ReLU(),
                      nn.Conv2d(4, 1, 3))
with torch.no_grad():
    for conv in (model[0], model[2]):
        conv.weight[..., 0, :] = 0
        conv.weight[..., -1, :] = 0
        conv.weight[..., :, 0] = 0
        conv.weight[..., :, -1] = 0
    model[2].bias.fill_(-1e6)
before = {k: v.clone() for k, v in model.state_dict().items()}
what = "Conv2d 5x5 (zero outer ring), ReLU, Conv2d 5x5 (zero outer ring, bias -1e6), ReLU, Conv2d 3x3"
check_measure(model, 25, 11, what)
check_unchanged(model, before, True, what)

# Max-pooling keeps one pixel per window, and must not hide the others; the model is in eval mode.
torch.manual_seed(2)
model = nn.Sequential(nn.Conv2d(2, 3, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(3, 3, 3, padding=1),
                      nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(3, 1, 3, padding=1)).eval()
before = {k: v.clone() for k, v in model.state_dict().items()}
what = "Conv2d 3x3, ReLU, MaxPool2d 2, Conv2d 3x3, ReLU, MaxPool2d 2, Conv2d 3x3 (eval mode)"
check_measure(model, 40, 18, what)
check_unchanged(model, before, False, what)
assert sum(isinstance(m, nn.MaxPool2d) for m in model.modules()) == 2, \
    f"empirical_receptive_field({what}) replaced the model's own MaxPool2d layers: work on a copy"

# Batch norm in training mode would mix every pixel with every other.
torch.manual_seed(3)
model = nn.Sequential(nn.Conv2d(1, 2, 3, padding=1), nn.BatchNorm2d(2), nn.ReLU(), nn.Conv2d(2, 1, 3, padding=1))
before = {k: v.clone() for k, v in model.state_dict().items()}
what = "Conv2d 3x3, BatchNorm2d, ReLU, Conv2d 3x3 (training mode)"
check_measure(model, 15, 5, what)
check_unchanged(model, before, True, what)
### END HIDDEN TESTS

# %% [markdown]
# The formula and the experiment side by side, and a look at the gradient itself.
# Inside the receptive field, pixels near the centre reach the output through many
# more paths than pixels at the edge, so the gradient is peaked in the middle: the
# *effective* receptive field is smaller than the box. With the model's own random
# weights and a random input, ReLUs and max-pooling leave holes in it.

# %%
def small_cnn() -> nn.Sequential:
    return nn.Sequential(nn.Conv2d(1, 4, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(4, 4, 3, padding=1),
                         nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(4, 1, 3, padding=1))


alexnet = nn.Sequential(nn.Conv2d(1, 2, 11, stride=4, padding=2), nn.ReLU(), nn.MaxPool2d(3, 2),
                        nn.Conv2d(2, 2, 5, padding=2), nn.ReLU(), nn.MaxPool2d(3, 2),
                        nn.Conv2d(2, 2, 3, padding=1), nn.ReLU(), nn.Conv2d(2, 2, 3, padding=1), nn.ReLU(),
                        nn.Conv2d(2, 2, 3, padding=1))
examples = {
    "two 3x3 convolutions": (nn.Sequential(nn.Conv2d(1, 1, 3), nn.ReLU(), nn.Conv2d(1, 1, 3)), 11),
    "conv, max-pool, conv": (nn.Sequential(nn.Conv2d(1, 4, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                                           nn.Conv2d(4, 4, 3, padding=1)), 32),
    "dilations 1, 2, 4, 8": (nn.Sequential(*[nn.Conv2d(1, 1, 3, dilation=d, padding=d) for d in (1, 2, 4, 8)]), 64),
    "small CNN (two pools)": (small_cnn(), 40),
    "AlexNet conv1-conv5": (alexnet, 227),
}
print(f"{'model':<24}{'receptive_field (rf, jump)':>28}{'measured rf':>14}")
for name, (model, side) in examples.items():
    print(f"{name:<24}{str(receptive_field(model)):>28}{str(empirical_receptive_field(model, side)):>14}")

torch.manual_seed(0)
model, side = small_cnn(), 40
probe = copy.deepcopy(model).eval()
for module in probe.modules():
    if isinstance(module, nn.Conv2d):
        with torch.no_grad():
            module.weight.fill_(1.0 / module.weight[0].numel())
            module.bias.zero_()
for index, module in enumerate(probe):
    if isinstance(module, nn.MaxPool2d):
        probe[index] = nn.AvgPool2d(2)


def centre_gradient(net: nn.Module, x: torch.Tensor) -> np.ndarray:
    x = x.clone().requires_grad_(True)
    out = net(x)
    out[0, :, out.shape[-2] // 2, out.shape[-1] // 2].sum().backward()
    return x.grad[0, 0].abs().numpy()


maps = {
    "geometry probe (positive weights, avg-pool)": centre_gradient(probe, torch.ones(1, 1, side, side)),
    "the model's own weights, random input": centre_gradient(model, torch.randn(1, 1, side, side)),
}
fig, axes = plt.subplots(1, 2, figsize=(10, 4.5))
for ax, (title, grad) in zip(axes, maps.items()):
    shown = ax.imshow(grad, cmap="magma")
    ax.set_title(title, fontsize=10)
    ax.set_xlabel("input column")
    ax.set_ylabel("input row")
    fig.colorbar(shown, ax=ax, fraction=0.046, pad=0.04, label="|gradient| of the centre output")
fig.suptitle(f"Which input pixels reach the centre output pixel? (receptive field {receptive_field(model)[0]} pixels)")
fig.tight_layout()

# %% [markdown] manual id=stride_padding_explained points=10
# ## Part J: in your own words (10 points)
#
# In a few sentences, without copying the text above:
#
# 1. Write the formula for the output size of a convolution and say what each term
#    does. How does the output size change when you increase the **padding** by one?
#    When you double the **stride**? Use the three layers of Part A as examples.
# 2. Why is there a floor in the formula, and what happens to the input pixels it
#    rounds away?
# 3. Why does PyTorch accept `padding="same"` only for stride 1?
#
# ### BEGIN SOLUTION
# 1. Per axis, $n_{out} = \lfloor (n + 2p - d(k-1) - 1)/s \rfloor + 1$. Padding adds
#    $p$ zeros on each side, so the window has $2p$ more pixels to travel over;
#    $d(k-1)+1$ is the span of the (possibly dilated) kernel, which the window must fit;
#    what is left, divided by the stride and rounded down, is the number of steps after
#    the first position. One more pixel of padding adds 2 to the travel and so
#    2 outputs at stride 1 (1 at stride 2); doubling the stride roughly halves the
#    output. On the $5\times5$ input with a $3\times3$ kernel: stride 1 and padding 1 keep
#    5 (the 2 added zeros make up for the 2 pixels the window loses); stride 2
#    without padding gives $\lfloor 2/2 \rfloor + 1 = 2$; stride 2 with padding 2 gives
#    $\lfloor 6/2 \rfloor + 1 = 4$.
# 2. A window is only placed where it fits entirely in the padded input; when the
#    travel is not a multiple of the stride, the last partial step is dropped. The
#    pixels at the bottom and right that only such a partial window would cover are
#    never seen by the layer (for example a $6$-pixel input, kernel 3, stride 2 ignores
#    its last pixel). `ceil_mode=True` in pooling keeps that partial window instead.
# 3. With stride $s > 1$ the output has about $n/s$ pixels whatever the padding, so no
#    padding keeps the size. The padding that would give $\lceil n/s \rceil$ outputs (what
#    TensorFlow calls "same") depends on the input size $n$ and can be asymmetric,
#    while a PyTorch layer fixes its padding when it is built, without knowing $n$. At
#    stride 1 the padding $d(k-1)$ in total does not depend on $n$.
# ### END SOLUTION

# %% [markdown]
# ## Before you submit
#
# * *Kernel → Restart Kernel and Run All Cells*: every test cell should run without
#   an error.
# * Check that Part A holds your own predictions and that you answered Part J.
# * Hidden tests try many more cases than the visible ones: every small combination of
#   size, kernel, stride, padding and dilation against PyTorch's own layers, empty
#   outputs, pairs on one axis only, `ceil_mode`, other image sizes and numbers of
#   channels, frozen and shared parameters, and models whose weights try to hide
#   part of the receptive field.
