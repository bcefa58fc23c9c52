# %% [markdown]
# # Problem set 1: Convolution by hand
#
# A convolutional layer does one thing over and over: it slides a small grid of
# weights, the **kernel**, across an image and, at every position, multiplies the
# kernel with the patch under it and adds the products up. In this problem set you
# write that operation yourself, each time closer to what a deep-learning framework
# does, then use it to find edges in a photograph and to learn a kernel back from
# examples:
#
# | Part | You write | Points |
# |---|---|---|
# | A | `corr2d`: the sliding window with two loops | 14 |
# | B | `conv2d_strided`: the same window, moved `stride` pixels at a time | 12 |
# | C | `conv2d`: batches, channels, stride, padding, dilation, without loops | 25 |
# | D | `convolve2d_true`: true convolution, and why frameworks do not bother | 10 + 10 |
# | E | `sobel_magnitude`: edges of a real photograph | 13 |
# | F | `learn_kernel`: recover a kernel from examples by gradient descent | 16 |
#
# **How this notebook is graded.** Each exercise has an answer cell (replace the
# `raise NotImplementedError` line) followed by a locked test cell. Run the test cell:
# the visible checks in it give you instant feedback. When grading, hidden tests are
# added to the same cells and check more cases, so make your function correct in
# general, not only for the examples shown. Written answers are read by a person.
#
# Run the notebook from top to bottom (*Kernel → Restart Kernel and Run All Cells*)
# before you submit: a grader runs it the same way.

# %%
import time

import matplotlib.pyplot as plt
import numpy as np
import scipy.signal
import torch
import torch.nn as nn
import torch.nn.functional as F

from course_utils import check_close, check_dtype, check_shape, check_type, load_image, seed_everything, show_images

seed_everything(0)
torch.set_num_threads(1)  # every tensor here is tiny: one thread is fastest, and fair to a shared machine
%matplotlib inline

# %% [markdown]
# ## Part A: `corr2d` (14 points)
#
# Let `X` be an image of height $H$ and width $W$, and `K` a kernel of height $k_h$
# and width $k_w$. The **valid 2-D cross-correlation** `Y = corr2d(X, K)` places the
# kernel over every position where it fits entirely inside the image:
#
# $$Y[i, j] = \sum_{a=0}^{k_h-1} \sum_{b=0}^{k_w-1} X[i+a,\ j+b]\; K[a, b],
# \qquad 0 \le i \le H-k_h,\quad 0 \le j \le W-k_w,$$
#
# so `Y` has shape $(H-k_h+1,\ W-k_w+1)$.
#
# **Worked example.** With
# `X = [[0, 1, 2], [3, 4, 5], [6, 7, 8]]` and `K = [[0, 1], [2, 3]]` the output is
# $2 \times 2$. Its top-left value covers the patch `[[0, 1], [3, 4]]`:
# $0\cdot0 + 1\cdot1 + 3\cdot2 + 4\cdot3 = 19$. Sliding one column right, the patch is
# `[[1, 2], [4, 5]]` and the value is $0 + 2 + 8 + 15 = 25$. The full answer is
# `[[19, 25], [37, 43]]`.
#
# Write `corr2d` with two loops over the output positions. Each window has the
# **kernel's** size, wherever it starts. Return a floating-point tensor, even when
# `X` holds integers. Kernels need not be square.

# %% answer id=corr2d
def corr2d(X: torch.Tensor, K: torch.Tensor) -> torch.Tensor:
    """Valid 2-D cross-correlation of image X (H, W) with kernel K (kh, kw).

    Returns a float tensor of shape (H - kh + 1, W - kw + 1) with
    Y[i, j] = sum(X[i:i+kh, j:j+kw] * K).
    """
    ### BEGIN SOLUTION
    kh, kw = K.shape
    h_out, w_out = X.shape[0] - kh + 1, X.shape[1] - kw + 1
    dtype = torch.promote_types(torch.promote_types(X.dtype, K.dtype), torch.float32)
    Y = torch.zeros((h_out, w_out), dtype=dtype)
    for i in range(h_out):
        for j in range(w_out):
            Y[i, j] = (X[i : i + kh, j : j + kw] * K).sum()
    return Y
    ### END SOLUTION

# %% test id=corr2d_correct points=12
"""corr2d: the worked example, a non-square kernel, compared with F.conv2d"""
import torch
import torch.nn.functional as F
from course_utils import check_close, check_dtype, check_shape, check_type

X = torch.tensor([[0.0, 1, 2], [3, 4, 5], [6, 7, 8]])
K = torch.tensor([[0.0, 1], [2, 3]])
check_close(corr2d(X, K), torch.tensor([[19.0, 25], [37, 43]]), what="corr2d(worked example)")

g = torch.Generator().manual_seed(0)
X, K = torch.randn(5, 4, generator=g), torch.randn(2, 3, generator=g)
got = corr2d(X, K)
check_type(got, torch.Tensor, what="corr2d(X (5, 4), K (2, 3))")
check_shape(got, (4, 2), what="corr2d(X (5, 4), K (2, 3))")
check_close(got, F.conv2d(X[None, None], K[None, None])[0, 0], what="corr2d(X (5, 4), K (2, 3))", atol=1e-5)
### BEGIN HIDDEN TESTS
g = torch.Generator().manual_seed(1)
for H, W, kh, kw in [(6, 8, 1, 2), (7, 5, 3, 3), (4, 9, 4, 2), (5, 5, 5, 5), (3, 7, 1, 7),
                     (8, 3, 8, 1), (6, 6, 1, 1), (9, 7, 2, 5), (4, 6, 3, 4)]:
    X = torch.randn(H, W, generator=g, dtype=torch.float64)
    K = torch.randn(kh, kw, generator=g, dtype=torch.float64)
    what = f"corr2d(X ({H}, {W}), K ({kh}, {kw}))"
    got = corr2d(X, K)
    check_shape(got, (H - kh + 1, W - kw + 1), what=what)
    check_dtype(got, "floating", what=what)
    check_close(got, F.conv2d(X[None, None], K[None, None])[0, 0], what=what, atol=1e-4, rtol=1e-4)

# The edge detector of Part F on a picture of two vertical bars.
X = torch.ones(6, 8)
X[:, 2:6] = 0
Y = torch.zeros(6, 7)
Y[:, 1], Y[:, 5] = 1.0, -1.0
check_close(corr2d(X, torch.tensor([[1.0, -1.0]])), Y, what="corr2d(bars (6, 8), K [[1, -1]])")

# An integer image (as pixels often are) with a fractional kernel: no rounding.
X = torch.arange(20).reshape(4, 5)
K = torch.tensor([[0.5, -0.25], [0.125, 1.0]])
got = corr2d(X, K)
check_dtype(got, "floating", what="corr2d(integer X (4, 5), K (2, 2))")
check_close(got, F.conv2d(X[None, None].float(), K[None, None])[0, 0],
            what="corr2d(integer X (4, 5), K (2, 2))", atol=1e-5)

# Integers on both sides still give a floating-point result.
X, K = torch.arange(20).reshape(4, 5), torch.tensor([[1, -2], [3, 0]])
got = corr2d(X, K)
check_dtype(got, "floating", what="corr2d(integer X (4, 5), integer K (2, 2))")
check_close(got, F.conv2d(X[None, None].float(), K[None, None].float())[0, 0],
            what="corr2d(integer X (4, 5), integer K (2, 2))", atol=1e-5)

# A view that is not contiguous in memory (every other column, transposed).
base = torch.randn(9, 12, generator=g, dtype=torch.float64)
X, K = base[:, ::2].T, torch.randn(2, 3, generator=g, dtype=torch.float64)
check_close(corr2d(X, K), F.conv2d(X[None, None], K[None, None])[0, 0], atol=1e-4, rtol=1e-4,
            what="corr2d(X = a transposed strided view (6, 9), K (2, 3))")

# A kernel that is a transposed view: the Sobel y kernel S_x.T of Part E.
S_x = torch.tensor([[-1.0, 0.0, 1.0], [-2.0, 0.0, 2.0], [-1.0, 0.0, 1.0]], dtype=torch.float64)
X = torch.randn(7, 6, generator=g, dtype=torch.float64)
check_close(corr2d(X, S_x.T), F.conv2d(X[None, None], S_x.T.contiguous()[None, None])[0, 0], atol=1e-4, rtol=1e-4,
            what="corr2d(X (7, 6), K = S_x.T, a transposed view (3, 3))")

# The inputs are left as they were.
X, K = torch.randn(5, 6, generator=g), torch.randn(3, 2, generator=g)
X0, K0 = X.clone(), K.clone()
corr2d(X, K)
check_close(X, X0, what="X after corr2d(X, K) (the input must not change)", atol=0)
check_close(K, K0, what="K after corr2d(X, K) (the input must not change)", atol=0)
### END HIDDEN TESTS

# %% test id=corr2d_no_library points=2
"""corr2d computes the sums itself: no library convolution is called"""
import torch
from course_utils import check_close, forbid
from course_utils.checks import LIBRARY_CONVOLUTIONS

g = torch.Generator().manual_seed(2)
X, K = torch.randn(6, 5, generator=g), torch.randn(2, 2, generator=g)
with forbid(*LIBRARY_CONVOLUTIONS, namespace=globals(), torch_ops=("conv",)):
    got = corr2d(X, K)
check_close(got, torch.nn.functional.conv2d(X[None, None], K[None, None])[0, 0],
            what="corr2d(X (6, 5), K (2, 2))", atol=1e-5)

# %% [markdown]
# ## Part B: `conv2d_strided` (12 points)
#
# A **stride** $s$ moves the window $s$ pixels at a time instead of one. Output
# position $(i, j)$ now covers the patch whose top-left corner is $(s\,i,\ s\,j)$, and
# the output has
#
# $$H_{out} = \left\lfloor \frac{H - k_h}{s} \right\rfloor + 1, \qquad
#   W_{out} = \left\lfloor \frac{W - k_w}{s} \right\rfloor + 1$$
#
# rows and columns: the last window must still fit inside the image.
#
# **Worked example.** A $5 \times 5$ image with a $3 \times 3$ kernel and stride 2 gives
# $\lfloor (5-3)/2 \rfloor + 1 = 2$ rows and columns; the four windows start at
# $(0, 0), (0, 2), (2, 0), (2, 2)$. With stride 3 the output is
# $\lfloor 2/3 \rfloor + 1 = 1$ pixel: the window at column 3 would stick out.
#
# Write `conv2d_strided` for NumPy arrays. Loops over output positions are fine.

# %% answer id=conv2d_strided
def conv2d_strided(img: np.ndarray, kernel: np.ndarray, stride: int = 1) -> np.ndarray:
    """Valid 2-D cross-correlation of img (H, W) with kernel (kh, kw), moving `stride` pixels.

    Returns a float array of shape ((H - kh) // stride + 1, (W - kw) // stride + 1).
    """
    ### BEGIN SOLUTION
    kh, kw = kernel.shape
    h_out = (img.shape[0] - kh) // stride + 1
    w_out = (img.shape[1] - kw) // stride + 1
    out = np.zeros((h_out, w_out))
    for i in range(h_out):
        for j in range(w_out):
            r, c = i * stride, j * stride
            out[i, j] = np.sum(img[r : r + kh, c : c + kw] * kernel)
    return out
    ### END SOLUTION

# %% test id=conv2d_strided_correct points=12
"""conv2d_strided: output size and values for strides 1, 2 and 3"""
import numpy as np
import scipy.signal
from course_utils import check_close, check_dtype, check_shape, check_type

rng = np.random.default_rng(0)
img, kernel = rng.normal(size=(5, 5)), rng.normal(size=(3, 3))
expected = scipy.signal.correlate2d(img, kernel, mode="valid")
check_close(conv2d_strided(img, kernel, stride=1), expected, what="conv2d_strided(img (5, 5), kernel (3, 3), stride=1)")
got = conv2d_strided(img, kernel, stride=2)
check_type(got, np.ndarray, what="conv2d_strided(img (5, 5), kernel (3, 3), stride=2)")
check_shape(got, (2, 2), what="conv2d_strided(img (5, 5), kernel (3, 3), stride=2)")
check_close(got, expected[::2, ::2], what="conv2d_strided(img (5, 5), kernel (3, 3), stride=2)")
check_shape(conv2d_strided(img, kernel, stride=3), (1, 1), what="conv2d_strided(img (5, 5), kernel (3, 3), stride=3)")
### BEGIN HIDDEN TESTS
rng = np.random.default_rng(1)
for H, W, kh, kw, s in [(7, 7, 3, 3, 2), (8, 6, 3, 2, 3), (9, 10, 4, 3, 2), (6, 6, 2, 2, 4),
                        (5, 9, 5, 1, 3), (10, 4, 1, 4, 2), (6, 7, 2, 3, 1), (11, 8, 3, 3, 5),
                        (4, 4, 4, 4, 3), (9, 9, 2, 2, 3)]:
    img, kernel = rng.normal(size=(H, W)), rng.normal(size=(kh, kw))
    what = f"conv2d_strided(img ({H}, {W}), kernel ({kh}, {kw}), stride={s})"
    got = conv2d_strided(img, kernel, stride=s)
    check_shape(got, ((H - kh) // s + 1, (W - kw) // s + 1), what=what)
    check_close(got, scipy.signal.correlate2d(img, kernel, mode="valid")[::s, ::s], what=what)
# The default stride is 1.
img, kernel = rng.normal(size=(6, 5)), rng.normal(size=(2, 3))
check_close(conv2d_strided(img, kernel), scipy.signal.correlate2d(img, kernel, mode="valid"),
            what="conv2d_strided(img (6, 5), kernel (2, 3)) with the default stride")
# An 8-bit image with a fractional kernel: no rounding.
img = rng.integers(0, 256, size=(7, 6), dtype=np.uint8)
kernel = np.array([[0.5, -0.25, 0.0], [0.125, 1.0, -1.5]])
check_close(conv2d_strided(img, kernel, stride=2),
            scipy.signal.correlate2d(img.astype(float), kernel, mode="valid")[::2, ::2],
            what="conv2d_strided(uint8 img (7, 6), kernel (2, 3), stride=2)")
# An 8-bit image with an integer kernel that has negative taps: no wrap-around, a float result.
kernel = np.array([[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]])
got = conv2d_strided(img, kernel, stride=1)
check_dtype(got, "floating", what="conv2d_strided(uint8 img (7, 6), integer kernel (3, 3))")
check_close(got, scipy.signal.correlate2d(img.astype(float), kernel.astype(float), mode="valid"),
            what="conv2d_strided(uint8 img (7, 6), integer Sobel kernel (3, 3))")
# A view that is not contiguous in memory.
base = rng.normal(size=(12, 16))
img, kernel = base[1:11, ::2].T, rng.normal(size=(3, 2))
check_close(conv2d_strided(img, kernel, stride=2), scipy.signal.correlate2d(img, kernel, mode="valid")[::2, ::2],
            what="conv2d_strided(img = a transposed strided view (8, 10), kernel (3, 2), stride=2)")
### END HIDDEN TESTS

# %% [markdown]
# ## Part C: `conv2d`, the real thing, without loops (25 points)
#
# A convolutional layer works on a batch of $N$ images with $C$ channels each,
# `x` of shape $(N, C, H, W)$, and has $O$ kernels, `weight` of shape
# $(O, C, k_h, k_w)$: kernel $o$ looks at all $C$ channels at once and produces output
# channel $o$, plus an optional `bias[o]`. Three more settings, each an int or an
# `(h, w)` pair, change where the windows go:
#
# * `padding` $p$: add $p$ rows of zeros above and below (and columns left and right);
# * `stride` $s$: move the window $s$ pixels at a time, as in Part B;
# * `dilation` $d$: spread the kernel's taps $d$ pixels apart, so a $k$-tap kernel
#   spans $d(k-1)+1$ pixels.
#
# The output size per dimension is
# $\left\lfloor \dfrac{H + 2p - d(k-1) - 1}{s} \right\rfloor + 1$.
#
# Loops over pixels are far too slow for real images. The standard trick is
# **im2col**: copy every window into a column of a matrix, then one matrix product
# with the flattened kernels computes all outputs at once. `torch.nn.functional.unfold`
# does the copying (it takes the same `padding`, `stride` and `dilation`); tensor
# strides (`Tensor.unfold`, `torch.as_strided`) work too.
#
# Write `conv2d` so that it equals `torch.nn.functional.conv2d`, **without calling any
# library convolution** (`F.conv2d`, `nn.Conv2d`, `scipy.signal`, `cv2.filter2D`, ...):
# a test makes them raise.

# %% answer id=conv2d
def conv2d(
    x: torch.Tensor,
    weight: torch.Tensor,
    bias: torch.Tensor | None = None,
    stride: int | tuple[int, int] = 1,
    padding: int | tuple[int, int] = 0,
    dilation: int | tuple[int, int] = 1,
) -> torch.Tensor:
    """Cross-correlation of a batch x (N, C, H, W) with weight (O, C, kh, kw), plus bias (O,).

    Returns (N, O, H_out, W_out), equal to F.conv2d(x, weight, bias, stride, padding, dilation).
    """
    ### BEGIN SOLUTION
    pair = lambda v: (v, v) if isinstance(v, int) else tuple(v)
    stride, padding, dilation = pair(stride), pair(padding), pair(dilation)
    n, _, h, w = x.shape
    o, _, kh, kw = weight.shape
    h_out = (h + 2 * padding[0] - dilation[0] * (kh - 1) - 1) // stride[0] + 1
    w_out = (w + 2 * padding[1] - dilation[1] * (kw - 1) - 1) // stride[1] + 1
    cols = F.unfold(x, (kh, kw), dilation=dilation, padding=padding, stride=stride)  # (N, C*kh*kw, L)
    out = weight.reshape(o, -1) @ cols  # (N, O, L)
    if bias is not None:
        out = out + bias.reshape(1, o, 1)
    return out.reshape(n, o, h_out, w_out)
    ### END SOLUTION

# %% test id=conv2d_matches_torch points=20
"""conv2d equals F.conv2d: batches, channels, bias, stride, padding, dilation"""
import torch
import torch.nn.functional as F
from course_utils import check_close, check_shape, check_type

g = torch.Generator().manual_seed(0)
x = torch.randn(2, 3, 6, 7, generator=g, dtype=torch.float64)
w = torch.randn(4, 3, 3, 3, generator=g, dtype=torch.float64)
b = torch.randn(4, generator=g, dtype=torch.float64)
check_close(conv2d(x, w), F.conv2d(x, w), what="conv2d(x (2, 3, 6, 7), w (4, 3, 3, 3))", atol=1e-5)
got = conv2d(x, w, b, stride=2, padding=1)
check_type(got, torch.Tensor, what="conv2d(x (2, 3, 6, 7), w (4, 3, 3, 3), b, stride=2, padding=1)")
check_shape(got, (2, 4, 3, 4), what="conv2d(x (2, 3, 6, 7), w (4, 3, 3, 3), b, stride=2, padding=1)")
check_close(got, F.conv2d(x, w, b, stride=2, padding=1),
            what="conv2d(x (2, 3, 6, 7), w (4, 3, 3, 3), b, stride=2, padding=1)", atol=1e-5)
### BEGIN HIDDEN TESTS
g = torch.Generator().manual_seed(1)
cases = [  # (N, C, H, W), (O, kh, kw), bias, stride, padding, dilation
    ((2, 3, 7, 9), (4, 3, 2), True, (2, 1), (1, 2), (1, 2)),
    ((1, 2, 11, 10), (3, 3, 3), False, 3, 0, 2),
    ((3, 4, 5, 6), (2, 1, 1), True, 1, 0, 1),
    ((2, 1, 4, 5), (1, 6, 7), True, 1, (1, 1), 1),
    ((1, 3, 8, 8), (5, 3, 3), True, 2, (2, 0), 1),
    ((2, 2, 9, 7), (3, 2, 3), False, (1, 3), 1, (2, 1)),
    ((1, 1, 5, 5), (1, 3, 3), True, 1, 1, 1),
    ((2, 3, 10, 12), (2, 3, 2), True, (3, 2), (2, 1), (3, 2)),
    ((1, 2, 6, 6), (2, 2, 2), True, 4, 3, 1),
]
# Every combination of int stride, padding and dilation on one shape (so that no
# special case for "stride 1" or "no padding" goes unchecked).
cases += [((2, 3, 11, 10), (4, 3, 2), True, s, p, d) for s in (1, 2, 3) for p in (0, 1, 2) for d in (1, 2)]
for (N, C, H, W), (O, kh, kw), use_bias, s, p, d in cases:
    x = torch.randn(N, C, H, W, generator=g, dtype=torch.float64)
    w = torch.randn(O, C, kh, kw, generator=g, dtype=torch.float64)
    b = torch.randn(O, generator=g, dtype=torch.float64) if use_bias else None
    what = (f"conv2d(x {(N, C, H, W)}, w {(O, C, kh, kw)}, bias={'yes' if use_bias else None}, "
            f"stride={s}, padding={p}, dilation={d})")
    expected = F.conv2d(x, w, b, stride=s, padding=p, dilation=d)
    x0, w0 = x.clone(), w.clone()
    got = conv2d(x, w, b, stride=s, padding=p, dilation=d)
    check_shape(got, expected.shape, what=what)
    check_close(got, expected, what=what, atol=1e-5, rtol=1e-5)
    check_close(x, x0, what=f"x after {what} (the input must not change)", atol=0)
    check_close(w, w0, what=f"weight after {what} (the input must not change)", atol=0)
# A strided view as input (x[:, :, ::2] shares memory with a larger tensor).
base = torch.randn(2, 3, 12, 7, generator=g, dtype=torch.float64)
x, w = base[:, :, ::2], torch.randn(2, 3, 3, 2, generator=g, dtype=torch.float64)
check_close(conv2d(x, w, padding=1), F.conv2d(x, w, padding=1), atol=1e-5,
            what="conv2d(x = a strided view (2, 3, 6, 7), w (2, 3, 3, 2), padding=1)")
# A weight that is a transposed view, and a bias whose entries cancel out.
w = torch.randn(2, 3, 2, 3, generator=g, dtype=torch.float64).transpose(2, 3)
x, b = torch.randn(1, 3, 7, 6, generator=g, dtype=torch.float64), torch.tensor([1.5, -1.5], dtype=torch.float64)
check_close(conv2d(x, w, b, padding=1), F.conv2d(x, w, b, padding=1), atol=1e-5,
            what="conv2d(x (1, 3, 7, 6), w = a transposed view (2, 3, 3, 2), bias [1.5, -1.5], padding=1)")
# float64 at a realistic size: to 1e-5 absolute (rounding to float32 on the way is not enough).
x = torch.randn(2, 64, 16, 16, generator=g, dtype=torch.float64)
w = torch.randn(32, 64, 3, 3, generator=g, dtype=torch.float64)
check_close(conv2d(x, w, padding=1), F.conv2d(x, w, padding=1), atol=1e-5, rtol=0,
            what="conv2d(float64 x (2, 64, 16, 16), w (32, 64, 3, 3), padding=1)")
# float32 at a realistic size: F.conv2d itself rounds differently, so compare relatively.
x = torch.randn(2, 64, 16, 16, generator=g)
w = torch.randn(32, 64, 3, 3, generator=g)
b = torch.randn(32, generator=g)
check_close(conv2d(x, w, b, padding=1), F.conv2d(x, w, b, padding=1), atol=1e-3, rtol=1e-4,
            what="conv2d(float32 x (2, 64, 16, 16), w (32, 64, 3, 3), b, padding=1)")
# The same numbers in channels-last memory format (t.to(memory_format=torch.channels_last), a common
# speed idiom; F.pad keeps it): the channel axis is the fastest in memory, so the tensor is not contiguous.
x = torch.randn(2, 3, 7, 8, generator=g, dtype=torch.float64)
w = torch.randn(4, 3, 3, 2, generator=g, dtype=torch.float64)
b = torch.randn(4, generator=g, dtype=torch.float64)
x_cl, w_cl = x.to(memory_format=torch.channels_last), w.to(memory_format=torch.channels_last)
for xs, ws, layout in [(x_cl, w, "x"), (x, w_cl, "w"), (x_cl, w_cl, "x and w")]:
    for s, p, d in [(1, 0, 1), (2, 1, (1, 2))]:
        what = (f"conv2d(x (2, 3, 7, 8), w (4, 3, 3, 2), b, stride={s}, padding={p}, dilation={d}) "
                f"with {layout} in channels-last memory format")
        expected = F.conv2d(x, w, b, stride=s, padding=p, dilation=d)
        check_close(conv2d(xs, ws, b, stride=s, padding=p, dilation=d), expected, what=what, atol=1e-5, rtol=1e-5)
### END HIDDEN TESTS

# %% test id=conv2d_no_library points=5
"""conv2d calls no library convolution (F.conv2d, nn.Conv2d, scipy, OpenCV)"""
import torch
import torch.nn.functional as F
from course_utils import check_close, forbid
from course_utils.checks import LIBRARY_CONVOLUTIONS

g = torch.Generator().manual_seed(3)
x = torch.randn(2, 3, 8, 9, generator=g, dtype=torch.float64)
w = torch.randn(4, 3, 3, 2, generator=g, dtype=torch.float64)
b = torch.randn(4, generator=g, dtype=torch.float64)
expected = F.conv2d(x, w, b, stride=2, padding=1, dilation=(2, 1))
with forbid(*LIBRARY_CONVOLUTIONS, namespace=globals(), torch_ops=("conv",)):
    got = conv2d(x, w, b, stride=2, padding=1, dilation=(2, 1))
check_close(got, expected, what="conv2d(x (2, 3, 8, 9), w (4, 3, 3, 2), b, stride=2, padding=1, dilation=(2, 1))",
            atol=1e-5)

# %% [markdown]
# ### How much faster is im2col?
#
# The cell below times three ways of computing the same layer output: your loops
# from Part A (one `corr2d` per image, output channel and input channel), your
# `conv2d`, and PyTorch's `F.conv2d`, which calls an optimised library. Nothing here
# is graded; run it and look at the ratios. (Timings vary from run to run and machine
# to machine, which is why no grade ever depends on one.)

# %%
def conv2d_loops(x: torch.Tensor, weight: torch.Tensor) -> torch.Tensor:
    """Stride 1, no padding: one corr2d per (image, output channel, input channel)."""
    n, c = x.shape[:2]
    o = weight.shape[0]
    return torch.stack([
        torch.stack([sum(corr2d(x[i, k], weight[j, k]) for k in range(c)) for j in range(o)])
        for i in range(n)
    ])


def best_time(fn, *args, repeat: int = 3) -> float:
    """Best of `repeat` wall-clock timings of fn(*args), in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn(*args)
        times.append(time.perf_counter() - start)
    return min(times)


g = torch.Generator().manual_seed(0)
x = torch.randn(1, 3, 16, 16, generator=g)
w = torch.randn(4, 3, 3, 3, generator=g)
reference = F.conv2d(x, w)
methods = {"loops (corr2d)": conv2d_loops, "im2col (conv2d)": conv2d, "F.conv2d": F.conv2d}
seconds = {name: best_time(fn, x, w) for name, fn in methods.items()}

print(f"x {tuple(x.shape)}, weight {tuple(w.shape)}")
print(f"{'method':<18}{'time (ms)':>12}{'vs F.conv2d':>14}{'max |diff|':>14}")
for name, fn in methods.items():
    diff = (fn(x, w) - reference).abs().max().item()
    print(f"{name:<18}{1e3 * seconds[name]:>12.3f}{seconds[name] / seconds['F.conv2d']:>13.0f}x{diff:>14.1e}")

fig, ax = plt.subplots(figsize=(6, 2.5))
ax.barh(list(seconds), [1e3 * t for t in seconds.values()], color=["tab:red", "tab:orange", "tab:green"])
ax.set_xscale("log")
ax.set_xlabel("time per call (ms, log scale)")
ax.set_ylabel("implementation")
ax.set_title("One convolutional layer, three implementations")
fig.tight_layout()

# %% [markdown]
# ## Part D: true convolution (10 + 10 points)
#
# In mathematics and signal processing, the **convolution** of an image with a kernel
# flips the kernel first, in both directions:
#
# $$(X * K)[i, j] = \sum_{a, b} X[i+a,\ j+b]\; K[k_h-1-a,\ k_w-1-b].$$
#
# What deep-learning frameworks call "convolution" is the cross-correlation of
# Part A, without the flip.
#
# Write `convolve2d_true`, the valid true convolution of NumPy arrays: flip the
# kernel yourself and reuse a correlation (yours from Part B is fine). Do not call a
# library function that flips for you (`scipy.signal.convolve2d`, `np.convolve`,
# `scipy.ndimage.convolve`, ...): a test makes them raise. The result must equal
# `scipy.signal.convolve2d(img, kernel, mode="valid")`.

# %% answer id=convolve2d_true
def convolve2d_true(img: np.ndarray, kernel: np.ndarray) -> np.ndarray:
    """Valid 2-D true convolution of img (H, W) with kernel (kh, kw): the kernel flipped in both axes.

    Returns a float array of shape (H - kh + 1, W - kw + 1).
    """
    ### BEGIN SOLUTION
    return conv2d_strided(img, kernel[::-1, ::-1], stride=1)
    ### END SOLUTION

# %% test id=convolve2d_true_correct points=10
"""convolve2d_true equals scipy.signal.convolve2d(mode='valid'), without calling it"""
import numpy as np
import scipy.signal
from course_utils import check_close, check_type, forbid

rng = np.random.default_rng(0)
img, kernel = rng.normal(size=(6, 5)), rng.normal(size=(3, 2))
got = convolve2d_true(img, kernel)
check_type(got, np.ndarray, what="convolve2d_true(img (6, 5), kernel (3, 2))")
check_close(got, scipy.signal.convolve2d(img, kernel, mode="valid"),
            what="convolve2d_true(img (6, 5), kernel (3, 2))")
### BEGIN HIDDEN TESTS
TRUE_CONVOLUTIONS = ("numpy.convolve", "scipy.signal.convolve", "scipy.signal.convolve2d",
                     "scipy.signal.fftconvolve", "scipy.signal.oaconvolve", "scipy.ndimage.convolve")
rng = np.random.default_rng(1)
for H, W, kh, kw in [(7, 7, 3, 3), (5, 8, 2, 4), (6, 6, 1, 3), (8, 5, 4, 1), (4, 4, 4, 4), (9, 6, 3, 2)]:
    img, kernel = rng.normal(size=(H, W)), rng.normal(size=(kh, kw))
    what = f"convolve2d_true(img ({H}, {W}), kernel ({kh}, {kw}))"
    expected = scipy.signal.convolve2d(img, kernel, mode="valid")
    with forbid(*TRUE_CONVOLUTIONS, namespace=globals()):
        got = convolve2d_true(img, kernel)
    check_close(got, expected, what=what)
# A kernel that only a flip in both axes (not a transpose, not one flip) gets right.
img = rng.normal(size=(5, 5))
kernel = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 10.0]])
with forbid(*TRUE_CONVOLUTIONS, namespace=globals()):
    got = convolve2d_true(img, kernel)
check_close(got, scipy.signal.convolve2d(img, kernel, mode="valid"), what="convolve2d_true(img (5, 5), kernel 1..10)")
# An 8-bit image and a fractional kernel: no rounding; then a view that is not contiguous.
img = rng.integers(0, 256, size=(6, 7), dtype=np.uint8)
kernel = np.array([[0.5, -0.25], [0.125, 1.5]])
with forbid(*TRUE_CONVOLUTIONS, namespace=globals()):
    got = convolve2d_true(img, kernel)
check_close(got, scipy.signal.convolve2d(img.astype(float), kernel, mode="valid"),
            what="convolve2d_true(uint8 img (6, 7), fractional kernel (2, 2))")
img = rng.normal(size=(14, 9))[::2, :].T
kernel = rng.normal(size=(2, 3))
with forbid(*TRUE_CONVOLUTIONS, namespace=globals()):
    got = convolve2d_true(img, kernel)
check_close(got, scipy.signal.convolve2d(img, kernel, mode="valid"),
            what="convolve2d_true(img = a transposed strided view (9, 7), kernel (2, 3))")
### END HIDDEN TESTS

# %% [markdown] manual id=why_cross_correlation points=10
# **Written answer (10 points).** In your own words, in a few sentences:
# 1. Why do deep-learning frameworks compute cross-correlation and still call it
#    "convolution"?
# 2. Why does the difference not matter for a kernel that is *learned*, and when
#    *does* it matter (give one example)?
#
# ### BEGIN SOLUTION
# 1. Skipping the flip is simpler and a little cheaper: each output is a dot product of
#    the kernel with the patch as stored in memory, which is what im2col and GPU
#    libraries compute. The name "convolution" stuck from signal processing, where the
#    operation is the same apart from the flip.
# 2. Correlating with `K` equals convolving with `K` flipped in both axes, and
#    flipping is a one-to-one map of kernels. A network that learns its kernels by
#    gradient descent simply learns the flipped version of whatever it needs; the set
#    of functions it can represent, its training and its accuracy are the same. The
#    difference matters when the kernel is *given* rather than learned and the result
#    is compared across conventions: applying a hand-designed asymmetric filter from a
#    signal-processing text (a Sobel kernel, a motion-blur kernel, or weights exported
#    from a library that uses true convolution such as `scipy.signal.convolve2d`)
#    with a framework's "convolution" gives the mirrored response, e.g. a Sobel
#    derivative with the opposite sign. Symmetric kernels (box blur, Gaussian) are
#    unaffected.
# ### END SOLUTION

# %% [markdown]
# ## Part E: edges in a real photograph (13 points)
#
# An **edge** is a place where brightness changes quickly. The Sobel operator
# estimates the horizontal derivative with the kernel
#
# $$S_x = \begin{bmatrix} -1 & 0 & 1 \\ -2 & 0 & 2 \\ -1 & 0 & 1 \end{bmatrix}$$
#
# (a difference across the columns, smoothed over three rows) and the vertical one
# with its transpose $S_y = S_x^\top$. With $g_x$ = `corr2d(img, S_x)` and
# $g_y$ = `corr2d(img, S_y)`, the **edge magnitude** is
# $\sqrt{g_x^2 + g_y^2}$: large wherever the image changes in *any* direction.
#
# **Worked example.** On an image that is 0 on the left and 1 from column 3 on, the
# $3 \times 3$ window starting at column 1 covers columns 1, 2, 3 and gives
# $g_x = (1 + 2 + 1)\cdot 1 = 4$, $g_y = 0$, so the magnitude is 4 there and 0 far from
# the edge.
#
# Write `sobel_magnitude` for a 2-D float NumPy image; return the valid part,
# shape $(H-2, W-2)$.

# %% answer id=sobel_magnitude
SOBEL_X = np.array([[-1.0, 0.0, 1.0], [-2.0, 0.0, 2.0], [-1.0, 0.0, 1.0]])


def sobel_magnitude(img: np.ndarray) -> np.ndarray:
    """Sobel edge magnitude sqrt(gx**2 + gy**2) of a 2-D float image (H, W), valid part (H - 2, W - 2)."""
    ### BEGIN SOLUTION
    gx = conv2d_strided(img, SOBEL_X)
    gy = conv2d_strided(img, SOBEL_X.T)
    return np.sqrt(gx**2 + gy**2)
    ### END SOLUTION

# %% test id=sobel_magnitude_correct points=13
"""sobel_magnitude: a step edge, then OpenCV's Sobel on the interior of real and random images"""
import cv2
import numpy as np
from course_utils import check_close, check_shape, check_type, load_image

step = np.zeros((5, 6))
step[:, 3:] = 1.0
expected = np.array([[0.0, 4.0, 4.0, 0.0]] * 3)
check_close(sobel_magnitude(step), expected, what="sobel_magnitude(step edge (5, 6))")

def opencv_sobel_magnitude(img):
    gx = cv2.Sobel(img, cv2.CV_64F, 1, 0, ksize=3)[1:-1, 1:-1]
    gy = cv2.Sobel(img, cv2.CV_64F, 0, 1, ksize=3)[1:-1, 1:-1]
    return np.sqrt(gx**2 + gy**2)

img = load_image("camera", size=64)
got = sobel_magnitude(img)
check_type(got, np.ndarray, what="sobel_magnitude(camera (64, 64))")
check_shape(got, (62, 62), what="sobel_magnitude(camera (64, 64))")
check_close(got, opencv_sobel_magnitude(img), what="sobel_magnitude(camera (64, 64))", atol=1e-6)
### BEGIN HIDDEN TESTS
img = load_image("coins", size=(40, 57))
check_close(sobel_magnitude(img), opencv_sobel_magnitude(img), what="sobel_magnitude(coins (40, 57))", atol=1e-6)
rng = np.random.default_rng(0)
for H, W in [(7, 9), (12, 5), (3, 3), (3, 8)]:
    img = rng.normal(size=(H, W))
    check_close(sobel_magnitude(img), opencv_sobel_magnitude(img), what=f"sobel_magnitude(random ({H}, {W}))", atol=1e-6)
# Values are not rescaled, clipped or rounded: a bright diagonal ramp.
ramp = np.add.outer(np.arange(6.0), 2 * np.arange(7.0)) * 10
check_close(sobel_magnitude(ramp), np.full((4, 5), np.hypot(8 * 20, 8 * 10)), what="sobel_magnitude(ramp (6, 7))")
# float32 input
img = load_image("camera", size=(30, 20)).astype(np.float32)
check_close(sobel_magnitude(img), opencv_sobel_magnitude(img.astype(np.float64)), atol=1e-4,
            what="sobel_magnitude(float32 camera (30, 20))")
# Views that are not contiguous in memory: a crop, a subsample, a transpose.
photo = load_image("camera", size=64)
for what, img in [("a crop [10:40, 5:50]", photo[10:40, 5:50]), ("a subsample [::2, ::3]", photo[::2, ::3]),
                  ("a transpose of a crop", photo[3:20, 7:40].T)]:
    check_close(sobel_magnitude(img), opencv_sobel_magnitude(np.ascontiguousarray(img)), atol=1e-6,
                what=f"sobel_magnitude(camera, {what} {img.shape})")
### END HIDDEN TESTS

# %% [markdown]
# Let us look at what the two derivatives and the magnitude show on a photograph,
# and check the magnitude against OpenCV's `cv2.Sobel` (which pads the border; we
# compare on the interior, where both are defined). For contrast, the last panel
# applies a random $3\times3$ kernel: it blurs and shifts brightness but does not pick
# out edges, which is why the *values* of a learned kernel matter.

# %%
import cv2

photo = load_image("camera", size=256)
gx = conv2d_strided(photo, SOBEL_X)
gy = conv2d_strided(photo, SOBEL_X.T)
magnitude = sobel_magnitude(photo)
opencv = np.hypot(cv2.Sobel(photo, cv2.CV_64F, 1, 0, ksize=3), cv2.Sobel(photo, cv2.CV_64F, 0, 1, ksize=3))
print(f"largest difference from OpenCV on the interior: {np.abs(magnitude - opencv[1:-1, 1:-1]).max():.2e}")

random_kernel = np.random.default_rng(0).normal(size=(3, 3))
show_images(
    [photo, gx, gy, magnitude, conv2d_strided(photo, random_kernel)],
    ["original", "$g_x$ (vertical edges)", "$g_y$ (horizontal edges)", "magnitude", "random 3x3 kernel"],
    ncols=5,
    suptitle="Sobel derivatives of the cameraman photograph (scikit-image)",
);

# %% [markdown]
# ## Part F: learning a kernel back (16 points)
#
# If a kernel produced an output, gradient descent can find the kernel from the
# input and the output alone. Take `nn.Conv2d(1, 1, kernel_size, bias=False)`,
# feed it `X`, measure the squared error to `Y`, and step the weights downhill until
# the error vanishes: the weights are then the kernel.
#
# Write `learn_kernel(X, Y, kernel_size, steps, lr)`. `X` is an (H, W) tensor and `Y`
# is `corr2d(X, K)` for an unknown kernel `K` of shape `kernel_size`; return the learned
# kernel as a tensor of shape `kernel_size`, and leave `X` and `Y` as they were. The
# optimiser (plain gradient descent, SGD with momentum, Adam, ...) and the default
# `steps` and `lr` are your choice: the tests call `learn_kernel(X, Y, kernel_size)`
# with your defaults and expect the kernel to within $10^{-3}$ for the edge detector
# $[1, -1]$ and $10^{-2}$ for $3\times3$ kernels, on the bars and noise images below
# and on other random images, in a second or so; on a photograph (last cell) they only
# expect learning to stay stable and reproduce `Y`.
#
# *Hints:* `nn.Conv2d` wants a batch and a channel axis, `(1, 1, H, W)`; remember
# `optimizer.zero_grad()` at every step; the mean squared error keeps the gradient's
# size independent of the image size.

# %% answer id=learn_kernel
def learn_kernel(
    X: torch.Tensor,
    Y: torch.Tensor,
    kernel_size: tuple[int, int],
    steps: int = 500,
    lr: float = 0.1,
) -> torch.Tensor:
    """Find K of shape kernel_size with corr2d(X, K) close to Y, by gradient descent on the squared error."""
    ### BEGIN SOLUTION
    x = torch.as_tensor(X, dtype=torch.float32).reshape(1, 1, *X.shape)
    y = torch.as_tensor(Y, dtype=torch.float32).reshape(1, 1, *Y.shape)
    layer = nn.Conv2d(1, 1, kernel_size, bias=False)
    optimizer = torch.optim.Adam(layer.parameters(), lr=lr)
    schedule = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, steps)
    for _ in range(steps):
        optimizer.zero_grad()
        loss = F.mse_loss(layer(x), y)
        loss.backward()
        optimizer.step()
        schedule.step()
    return layer.weight.detach().reshape(kernel_size)
    ### END SOLUTION

# %% test id=learn_kernel_edge points=8
"""learn_kernel recovers the edge detector [[1, -1]] from a picture of two bars"""
import torch
import torch.nn.functional as F
from course_utils import check_close, check_shape, check_type

torch.manual_seed(0)
X = torch.ones(6, 8)
X[:, 2:6] = 0
K = torch.tensor([[1.0, -1.0]])
Y = F.conv2d(X[None, None], K[None, None])[0, 0]
got = learn_kernel(X, Y, (1, 2))
check_type(got, torch.Tensor, what="learn_kernel(bars (6, 8), Y, (1, 2))")
check_shape(got, (1, 2), what="learn_kernel(bars (6, 8), Y, (1, 2))")
check_close(got, K, what="learn_kernel(bars (6, 8), Y, (1, 2))", atol=1e-3, rtol=0)
### BEGIN HIDDEN TESTS
for seed, (H, W), K in [(1, (7, 9), torch.tensor([[1.0, -1.0]])), (2, (9, 6), torch.tensor([[1.0], [-1.0]])),
                        (3, (8, 8), torch.tensor([[-1.0, 1.0]]))]:
    torch.manual_seed(seed)
    X = torch.randn(H, W, generator=torch.Generator().manual_seed(seed))
    Y = F.conv2d(X[None, None], K[None, None])[0, 0]
    X0, Y0 = X.clone(), Y.clone()
    what = f"learn_kernel(random X ({H}, {W}), Y, {tuple(K.shape)}) for K = {K.tolist()}"
    got = learn_kernel(X, Y, tuple(K.shape))
    check_shape(got, K.shape, what=what)
    check_close(got, K, what=what, atol=1e-3, rtol=0)
    check_shape(X, X0.shape, what=f"X after {what} (the input must not change)")
    check_shape(Y, Y0.shape, what=f"Y after {what} (the input must not change)")
    check_close(X, X0, what=f"X after {what} (the input must not change)", atol=0)
### END HIDDEN TESTS

# %% test id=learn_kernel_sobel points=8
"""learn_kernel recovers a 3x3 Sobel kernel from an image pair"""
import torch
import torch.nn.functional as F
from course_utils import check_close, check_shape

SOBEL = torch.tensor([[-1.0, 0.0, 1.0], [-2.0, 0.0, 2.0], [-1.0, 0.0, 1.0]])
torch.manual_seed(0)
X = torch.rand(32, 32, generator=torch.Generator().manual_seed(0))
Y = F.conv2d(X[None, None], SOBEL[None, None])[0, 0]
got = learn_kernel(X, Y, (3, 3))
check_shape(got, (3, 3), what="learn_kernel(noise (32, 32), Y, (3, 3))")
check_close(got, SOBEL, what="learn_kernel(noise (32, 32), Y, (3, 3)) for the Sobel x kernel", atol=1e-2, rtol=0)
### BEGIN HIDDEN TESTS
g = torch.Generator().manual_seed(4)
for seed, (H, W), K, name in [
    (5, (24, 30), SOBEL.T, "the Sobel y kernel"),
    (6, (28, 20), torch.randn(3, 3, generator=g), "a random 3x3 kernel"),
    (7, (20, 26), torch.randn(2, 3, generator=g), "a random 2x3 kernel"),
]:
    torch.manual_seed(seed)
    X = torch.rand(H, W, generator=torch.Generator().manual_seed(seed), dtype=torch.float64)
    Y = F.conv2d(X[None, None], K.double()[None, None])[0, 0]
    what = f"learn_kernel(noise ({H}, {W}), Y, {tuple(K.shape)}) for {name}"
    got = learn_kernel(X, Y, tuple(K.shape))
    check_shape(got, K.shape, what=what)
    check_close(got, K, what=what, atol=1e-2, rtol=0)
# Y given as a view that is not contiguous: the interior of a padded convolution, the same numbers as corr2d(X, K).
torch.manual_seed(9)
X = torch.rand(26, 22, generator=torch.Generator().manual_seed(9))
Y = F.conv2d(X[None, None], SOBEL[None, None], padding=1)[0, 0, 1:-1, 1:-1]
what = "learn_kernel(noise (26, 22), Y = the interior [1:-1, 1:-1] of a padded convolution (24, 20), (3, 3))"
got = learn_kernel(X, Y, (3, 3))
check_shape(got, (3, 3), what=what)
check_close(got, SOBEL, what=f"{what} for the Sobel x kernel", atol=1e-2, rtol=0)
# A photograph is ill-conditioned (see below), so the kernel is not tested there, but
# learning must still be stable and reproduce the output: a step size that makes
# gradient descent diverge on it is wrong.
from course_utils import load_image

torch.manual_seed(8)
X = torch.tensor(load_image("camera", size=48))
Y = F.conv2d(X[None, None], SOBEL.double()[None, None])[0, 0]
got = learn_kernel(X, Y, (3, 3))
fit = F.conv2d(X[None, None], torch.as_tensor(got, dtype=torch.float64).detach()[None, None])[0, 0]
relative_error = float(((fit - Y) ** 2).mean() / (Y ** 2).mean())
assert relative_error < 0.1, (f"learn_kernel(camera photograph (48, 48), Sobel output, (3, 3)): the learned kernel "
                              f"reproduces Y with a relative squared error of {relative_error:.3g}, expected below 0.1 "
                              "(does gradient descent diverge? try a smaller step)")
### END HIDDEN TESTS

# %% [markdown]
# The tests above learn from random noise, which contains every pattern in equal
# measure. A photograph is smoother: neighbouring pixels are nearly equal, so some
# combinations of kernel weights barely change the output and gradient descent
# moves along them very slowly. The cell below learns the Sobel kernel from a
# $48 \times 48$ photograph and from noise with the same budget of steps, and plots the
# loss; compare the two curves and the kernels found.

# %%
SOBEL = torch.tensor(SOBEL_X, dtype=torch.float32)
pairs = {
    "noise": torch.rand(48, 48, generator=torch.Generator().manual_seed(0)),
    "photograph": torch.tensor(load_image("camera", size=48), dtype=torch.float32),
}
fig, ax = plt.subplots(figsize=(6, 3.5))
for name, X in pairs.items():
    Y = F.conv2d(X[None, None], SOBEL[None, None])[0, 0]
    errors = []
    for steps in [10, 30, 100, 300, 1000]:
        torch.manual_seed(0)
        errors.append((learn_kernel(X, Y, (3, 3), steps=steps) - SOBEL).abs().max().item())
    ax.plot([10, 30, 100, 300, 1000], errors, marker="o", label=name)
    print(f"{name:>10}: largest kernel error after 1000 steps = {errors[-1]:.1e}")
ax.set_xscale("log")
ax.set_yscale("log")
ax.set_xlabel("gradient steps")
ax.set_ylabel("largest |learned - Sobel|")
ax.set_title("Learning the Sobel kernel back")
ax.legend()
fig.tight_layout()

# %% [markdown]
# ## Before you submit
#
# * *Kernel → Restart Kernel and Run All Cells*: every test cell should run without
#   an error.
# * Check that you answered the written question in Part D.
# * Hidden tests try more shapes and cases than the visible ones: non-square kernels,
#   kernels as large as the image, strides that do not divide the size, integer
#   images, and every combination of stride, padding and dilation.
