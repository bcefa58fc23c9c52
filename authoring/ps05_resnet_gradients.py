# %% [markdown]
# # Problem set 5: ResNet and vanishing gradients
#
# A network learns by back-propagation: the gradient of the loss with respect to the
# weights of a layer is a product of the derivatives of every layer above it. Multiply
# forty numbers of about 0.4 and you get $10^{-16}$. The first layers of a deep plain
# network then receive gradients so small that they do not move:
# the **vanishing gradient** problem. ResNet's answer is a block that computes
# $x + F(x)$ instead of $F(x)$: the input passes through unchanged, and the layers only
# learn a correction to it.
#
# The origin notebook of this lesson trained a 2-layer CNN and torchvision's ResNet-18
# on synthetic images and concluded from their gradient norms that the small network's
# gradients vanish more. A 2-layer network cannot show that, and the two networks
# differ in much more than their shortcuts. Here you run the experiment that can show
# it: plain and residual networks of the **same depth**, built from the same layers,
# measured at initialisation and in training.
#
# | Part | You write | Points |
# |---|---|---|
# | A | `layer_grad_norms`: the gradient norm of every weight tensor, in order | 8 + 6 |
# | B | `SimpleCNN`: the origin notebook's small network | 4 + 6 |
# | C | `PlainBlock` and `ResidualBlock` (identity and projection shortcuts) | 8 + 7 + 7 |
# | D | `make_net`: plain or residual networks of any depth | 6 + 10 |
# | E | `first_layer_grad_ratio`: how much gradient reaches the first layer, in float64; why $x + F(x)$ helps (written) | 8 + 6 + 12 |
# | F | nothing to write: what batch normalisation changes, four networks trained; what the origin's experiment showed (written) | 12 |
#
# **How this notebook is graded.** Each exercise has an answer cell (replace the
# `raise NotImplementedError` lines) followed by locked test cells. Run a test cell:
# the visible checks in it give you instant feedback. When grading, hidden tests are
# added to the same cells and check more cases, so make your code correct in general,
# not only for the examples shown. Written answers are read by a person.
#
# Run the notebook from top to bottom (*Kernel → Restart Kernel and Run All Cells*)
# before you submit: a grader runs it the same way. It takes well under a minute on a
# laptop's CPU, training included.

# %%
import copy
import time

import matplotlib.pyplot as plt
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset
from torchvision.models import resnet18

from course_utils import PATTERN_CLASSES, SyntheticPatterns, get_device, seed_everything, show_images

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
# `SyntheticPatterns` draws the origin notebook's five classes of coloured patterns on
# a background of uniform noise: vertical red stripes, horizontal green stripes, a blue
# disc, a yellow square and diagonal purple stripes. Image $i$ has label $i \bmod 5$.
# The origin drew 500 images of 64×64 pixels with Python loops over the pixels; here
# they are made at once, and smaller: 160 training and 50 validation images of 32×32
# pixels (two seeds, so the two sets share no image), which keeps every training run
# of this notebook to seconds on a CPU.
#
# The networks get the images normalised per colour channel, with the mean and standard
# deviation of the training images. The measurements at initialisation (after Part D,
# and in Parts E and F) use a *probe batch* of ten smaller images (16×16), because they
# run in float64, which is slow on a CPU; the size of the images does not change what
# they show.

# %%
IMAGE_SIZE = 32
train_set = SyntheticPatterns(num_samples=160, image_size=IMAGE_SIZE, seed=0)
val_set = SyntheticPatterns(num_samples=50, image_size=IMAGE_SIZE, seed=1)
MEAN = train_set.images.mean(dim=(0, 2, 3)).view(1, 3, 1, 1)
STD = train_set.images.std(dim=(0, 2, 3)).view(1, 3, 1, 1)


def normalise(images: torch.Tensor) -> torch.Tensor:
    """Images (N, 3, H, W) in [0, 1] -> per-channel mean 0 and standard deviation 1 (training-set constants)."""
    return (images - MEAN) / STD


train_x, train_y = normalise(train_set.images), train_set.labels
val_x, val_y = normalise(val_set.images), val_set.labels
probe = SyntheticPatterns(num_samples=10, image_size=16, seed=2)
probe_batch = (normalise(probe.images), probe.labels)
print(f"training images {tuple(train_x.shape)}, labels {tuple(train_y.shape)} {train_y.dtype}; "
      f"validation {tuple(val_x.shape)}; probe batch {tuple(probe_batch[0].shape)}")
print("images per class in the training set:", torch.bincount(train_y).tolist())
show_images(
    [train_set.images[i].permute(1, 2, 0) for i in range(10)],
    [PATTERN_CLASSES[int(train_set.labels[i])] for i in range(10)],
    ncols=5, size=2.2, suptitle="The first ten training images (32×32, before normalisation)",
);

# %% [markdown]
# ## Part A: gradient norms, layer by layer (8 + 6 points)
#
# To see where a gradient vanishes, we need its size at every layer. After
# `loss.backward()`, each parameter `p` of a model holds its gradient in `p.grad`, a
# tensor of `p`'s shape, or `None` when no gradient reached it. Its size is the **L2
# norm**, the square root of the sum of the squares of all its entries:
# `p.grad.norm()`.
#
# Write `layer_grad_norms(model)`. It returns a dict `{parameter name: gradient norm}`:
#
# * **Which parameters:** those with `p.dim() > 1`, the weight tensors of convolutions
#   (4-D) and linear layers (2-D). Biases and the scales and shifts of batch
#   normalisation are 1-D and left out: they are not layers of their own.
# * **Only those that have a gradient:** skip a parameter whose `p.grad is None` (a
#   frozen parameter, `requires_grad=False`, or one the forward pass never used). A
#   gradient full of zeros is still a gradient: its norm is 0.0 and it is listed.
# * **Names and order:** the names that `model.named_parameters()` gives
#   (`"conv1.weight"`, `"layer1.0.conv1.weight"`, ...), in the order it gives them: the
#   order in which the model defines its layers, for every network in this notebook
#   from the input to the output. A Python dict keeps the order of insertion; do not
#   sort.
# * **Values:** Python floats (`.item()`), the norm itself: not squared, not divided by
#   the number of entries. The function only reads the gradients, it changes nothing,
#   and it works when the model is on a GPU (NumPy cannot read GPU memory, `.item()` can).
#
# **Worked example.** `nn.Linear(2, 1)` with weight `[[1, 2]]` and the loss
# `model(torch.tensor([[3.0, 4.0]])).sum()`: the output is $w_1 \cdot 3 + w_2 \cdot 4 + b$,
# so the weight's gradient is the input `[[3, 4]]`, whose norm is
# $\sqrt{9 + 16} = 5$; the bias is 1-D and left out: `{"weight": 5.0}`. For torchvision's
# ResNet-18, the dict has 21 entries: 20 convolutions (the first layer, 16 in the eight
# residual blocks and 3 1×1 shortcut projections) and the final linear layer, from
# `"conv1.weight"` to `"fc.weight"`.
#
# **Why pin this down.** The origin notebook picked the gradient of each "stage" of
# ResNet-18 by looking for a label such as `"conv1"` or `"layer1"` inside the parameter
# names, and a later match overwrote an earlier one. The cell after the tests shows
# which parameters its bars really showed.

# %% answer id=layer_grad_norms
def layer_grad_norms(model: nn.Module) -> dict[str, float]:
    """{name: L2 norm of the gradient, a Python float} for every parameter with p.dim() > 1 that has a
    gradient, in the order of model.named_parameters()."""
    ### BEGIN SOLUTION
    norms = {}
    for name, parameter in model.named_parameters():
        if parameter.dim() > 1 and parameter.grad is not None:
            norms[name] = parameter.grad.detach().norm().item()
    return norms
    ### END SOLUTION

# %% test id=layer_grad_norms_values points=8
"""layer_grad_norms: the worked example (5.0), Python floats, L2 norms (not squared), gradients left as they were"""
from course_utils import check_plain
from collections.abc import Mapping

import torch
import torch.nn as nn
from course_utils import check_close

model = nn.Linear(2, 1)
with torch.no_grad():
    model.weight.copy_(torch.tensor([[1.0, 2.0]]))
model(torch.tensor([[3.0, 4.0]])).sum().backward()
got = layer_grad_norms(model)
check_plain(got)
call = "layer_grad_norms(nn.Linear(2, 1) after the worked example's backward pass)"
assert isinstance(got, Mapping), f"{call}: returned a {type(got).__name__}, expected a dict"
assert list(got) == ["weight"], f"{call}: got the keys {list(got)}, expected ['weight'] (the bias is 1-D: left out)"
assert isinstance(got["weight"], float), \
    f"{call}: the value is a {type(got['weight']).__name__}, expected a Python float (use .item())"
check_close(got["weight"], 5.0, what=f"{call}['weight'] (the norm of the gradient [[3, 4]])")
### BEGIN HIDDEN TESTS
import torch.nn.functional as F
from course_utils import SimulatedCuda


def reference(model):
    return {name: p.grad.double().norm().item() for name, p in model.named_parameters()
            if p.dim() > 1 and p.grad is not None}


def compare(model, what):
    grads = {name: p.grad.clone() for name, p in model.named_parameters() if p.grad is not None}
    expected = reference(model)
    got = layer_grad_norms(model)
    check_plain(got)
    assert isinstance(got, Mapping), f"layer_grad_norms({what}): returned a {type(got).__name__}, expected a dict"
    assert list(got) == list(expected), f"layer_grad_norms({what}): got the keys {list(got)}, expected {list(expected)}"
    for name, value in got.items():
        assert isinstance(value, float), (f"layer_grad_norms({what})[{name!r}] is a {type(value).__name__}, "
                                          "expected a Python float (use .item())")
        hint = f" (the squared norm would be {expected[name] ** 2:.6g})"
        check_close(value, expected[name], what=f"layer_grad_norms({what})[{name!r}]{hint}", rtol=1e-5, atol=1e-12)
    for name, p in model.named_parameters():
        if name in grads:
            assert p.grad is not None and torch.equal(p.grad, grads[name]), \
                f"layer_grad_norms({what}) changed the gradient of {name}: it should only read the gradients"


g = torch.Generator().manual_seed(0)
torch.manual_seed(0)
net = nn.Sequential(nn.Conv2d(3, 4, 3), nn.ReLU(), nn.Conv2d(4, 6, 3, bias=False), nn.BatchNorm2d(6), nn.ReLU(),
                    nn.Flatten(), nn.Linear(6 * 4 * 4, 3))
F.cross_entropy(net(torch.randn(5, 3, 8, 8, generator=g)), torch.tensor([0, 1, 2, 0, 1])).backward()
compare(net, "conv, conv, batch norm, linear")
# Large and small gradients alike: a loss scaled by 1000, then a gradient of zeros.
net.zero_grad()
(1000 * F.cross_entropy(net(torch.randn(5, 3, 8, 8, generator=g)), torch.tensor([2, 2, 1, 0, 1]))).backward()
compare(net, "a loss scaled by 1000")
net[0].weight.grad.zero_()
compare(net, "the first layer's gradient set to zeros (its norm is 0.0, and it is listed)")
assert layer_grad_norms(net).get("0.weight") == 0.0, \
    "layer_grad_norms(a gradient of zeros): expected the entry '0.weight': 0.0 (it has a gradient, of norm 0)"
# On a (simulated) GPU: the gradients live there; NumPy cannot read them, .item() can.
torch.manual_seed(1)
net = nn.Sequential(nn.Conv2d(1, 2, 3), nn.ReLU(), nn.Flatten(), nn.Linear(2 * 4 * 4, 2))
F.cross_entropy(net(torch.randn(3, 1, 6, 6, generator=g)), torch.tensor([0, 1, 1])).backward()
expected = reference(net)
try:
    with SimulatedCuda() as simulated:
        simulated.move(net)
        for p in net.parameters():
            simulated.put(p.grad)
        got = layer_grad_norms(net)
        check_plain(got)
except (RuntimeError, TypeError) as error:
    raise AssertionError(f"layer_grad_norms(model on a simulated GPU) raised {type(error).__name__}: {error}\n"
                         "(read a norm with .item(); .numpy() fails on a GPU tensor)") from None
assert list(got) == list(expected), f"layer_grad_norms(model on a simulated GPU): got the keys {list(got)}, expected {list(expected)}"
for name, value in got.items():
    assert isinstance(value, float), \
        f"layer_grad_norms(model on a simulated GPU)[{name!r}] is a {type(value).__name__}, expected a Python float"
    check_close(value, expected[name], what=f"layer_grad_norms(model on a simulated GPU)[{name!r}]", rtol=1e-5)
if torch.cuda.is_available():
    net = net.to("cuda")
    net.zero_grad()
    F.cross_entropy(net(torch.randn(3, 1, 6, 6, generator=g).cuda()), torch.tensor([0, 1, 1]).cuda()).backward()
    compare(net, "model on the real GPU")
### END HIDDEN TESTS

# %% test id=layer_grad_norms_selection points=6
"""layer_grad_norms keeps the parameters with dim() > 1 that have a gradient, in definition order; 21 for ResNet-18"""
from course_utils import check_plain
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)
model = nn.Sequential(nn.Conv2d(1, 2, 3), nn.BatchNorm2d(2), nn.ReLU(), nn.Flatten(), nn.Linear(2 * 2 * 2, 3))
F.cross_entropy(model(torch.randn(4, 1, 4, 4, generator=torch.Generator().manual_seed(0))),
                torch.tensor([0, 1, 2, 0])).backward()
got = list(layer_grad_norms(model))
check_plain(got)
assert got == ["0.weight", "4.weight"], (f"layer_grad_norms(conv, batch norm, ReLU, flatten, linear): got the keys {got}, "
                                         "expected ['0.weight', '4.weight'] (biases and the batch-norm scale are 1-D)")
### BEGIN HIDDEN TESTS
from torchvision.models import resnet18


class Mix(nn.Module):
    """A layer whose weight is a bare 2-D parameter (not called 'weight')."""

    def __init__(self, n):
        super().__init__()
        self.mixing = nn.Parameter(torch.randn(n, n) / 2)

    def forward(self, x):
        return x @ self.mixing


class Unordered(nn.Module):
    """Layers defined in an order that is not alphabetical; one frozen, one never used; a Conv1d; a bare 2-D parameter."""

    def __init__(self):
        super().__init__()
        self.zeta = nn.Conv2d(2, 3, 3, padding=1)
        self.frozen = nn.Conv2d(3, 3, 1)
        self.frozen.requires_grad_(False)
        self.middle = nn.Sequential(nn.Conv1d(3, 4, 1), nn.ReLU())
        self.unused = nn.Linear(7, 7)
        self.mix = Mix(4)
        self.alpha = nn.Linear(4, 2)

    def forward(self, x):
        h = self.frozen(torch.relu(self.zeta(x))).flatten(2)  # (N, 3, H*W)
        h = self.mix(self.middle(h).mean(dim=2))  # (N, 4)
        return self.alpha(h)


torch.manual_seed(1)
model = Unordered()
call = "layer_grad_norms(layers zeta, frozen, middle (a Conv1d), unused, mix (a bare 2-D parameter), alpha)"
assert layer_grad_norms(model) == {}, f"{call} before any backward pass: got {layer_grad_norms(model)}, expected {{}}"
F.cross_entropy(model(torch.randn(3, 2, 5, 5)), torch.tensor([0, 1, 1])).backward()
values = {name: p.grad.double().norm().item() for name, p in model.named_parameters() if p.grad is not None}
try:
    got = layer_grad_norms(model)
    check_plain(got)
except (AttributeError, TypeError) as error:
    raise AssertionError(f"{call} raised {type(error).__name__}: {error} (skip parameters whose .grad is None)") from None
expected = ["zeta.weight", "middle.0.weight", "mix.mixing", "alpha.weight"]
assert list(got) == expected, (f"{call}: got the keys {list(got)}, expected {expected} (the order of named_parameters(); "
                               "frozen and unused layers have no gradient; every parameter with dim() > 1 counts)")
for name in got:
    assert abs(got[name] - values[name]) <= 1e-4 * values[name] + 1e-12, f"{call}[{name!r}]: got {got[name]}, expected {values[name]}"

# ResNet-18: the 20 convolutions and the linear layer, named as torchvision names them, input to output.
torch.manual_seed(2)
model = resnet18(weights=None, num_classes=5)
F.cross_entropy(model(torch.randn(2, 3, 32, 32)), torch.tensor([0, 4])).backward()
expected = [name for name, p in model.named_parameters() if p.dim() > 1]
values = {name: p.grad.double().norm().item() for name, p in model.named_parameters()}
got = layer_grad_norms(model)
check_plain(got)
assert len(got) == 21 and list(got) == expected, \
    f"layer_grad_norms(resnet18 after a backward pass): got {len(got)} keys {list(got)}, expected the 21 keys {expected}"
for name in got:
    assert abs(got[name] - values[name]) <= 1e-4 * values[name] + 1e-12, \
        f"layer_grad_norms(resnet18)[{name!r}]: got {got[name]}, expected {values[name]}"


class Edge(nn.Module):
    """A 0-d parameter (a learned scale), a layer reached under two names (tied), and a float64 net."""

    def __init__(self):
        super().__init__()
        self.first = nn.Linear(4, 4)
        self.again = self.first  # the same layer under a second name: named_parameters() lists it once
        self.scale = nn.Parameter(torch.tensor(2.0))
        self.last = nn.Linear(4, 2)

    def forward(self, x):
        return self.last(self.scale * self.again(torch.relu(self.first(x))))


torch.manual_seed(3)
model = Edge().double()
loss = F.cross_entropy(model(torch.randn(6, 4, dtype=torch.float64)), torch.tensor([0, 1, 1, 0, 1, 0]))
(loss * 1e-60).backward()  # gradients of about 1e-60: float64 holds them, float32 does not
model.last.weight.requires_grad_(False)  # frozen after the backward pass: it still has a gradient
call = "layer_grad_norms(a float64 net with gradients of about 1e-60, a 0-d parameter, a tied layer, a frozen layer)"
expected = {name: p.grad.norm().item() for name, p in model.named_parameters() if p.dim() > 1 and p.grad is not None}
got = layer_grad_norms(model)
check_plain(got)
assert list(got) == list(expected) == ["first.weight", "last.weight"], \
    (f"{call}: got the keys {list(got)}, expected {list(expected)} (named_parameters() order, each tensor once; "
     "a 0-d parameter has dim() == 0; a parameter that holds a gradient counts even if it is frozen now)")
for name in got:
    assert abs(got[name] - expected[name]) <= 1e-6 * expected[name], \
        (f"{call}[{name!r}]: got {got[name]!r}, expected {expected[name]!r} (compute the norm in the gradient's own "
         "dtype, and do not round it)")
### END HIDDEN TESTS

# %% [markdown]
# The origin notebook's per-stage bars, decoded: for each label, the parameter whose
# gradient norm it ended up showing (the last name that held the label and the word
# "weight", where a name holding `"conv1"` counted only for `"conv1"`), next to what
# `layer_grad_norms` lists.

# %%
torch.manual_seed(0)
model = resnet18(weights=None, num_classes=5)
F.cross_entropy(model(train_x[:8]), train_y[:8]).backward()
stage_labels = ["conv1", "layer1", "layer2", "layer3", "layer4", "fc"]
shown = {}
for name, parameter in model.named_parameters():
    label = next((label for label in stage_labels if label in name), None)
    if label is not None and "weight" in name:
        shown[label] = name  # a later match replaces an earlier one
print(f"{'the bar labelled':<18}showed the gradient of")
for label in stage_labels:
    print(f"{label:<18}{shown[label]}")
norms = layer_grad_norms(model)
print(f"\nlayer_grad_norms(resnet18): {len(norms)} weight tensors; the first three and the last:")
for name in [*list(norms)[:3], list(norms)[-1]]:
    print(f"  {name:<24}{norms[name]:.3e}")

# %% [markdown]
# ## Part B: the origin notebook's small network (4 + 6 points)
#
# `SimpleCNN(num_classes=5)` is the network the origin notebook compared with
# ResNet-18: two convolutions, each followed by a ReLU and a 2×2 max-pooling, then one
# linear layer. For the 32×32 images of this notebook:
#
# | layer | output shape | parameters |
# |---|---|---|
# | input | (N, 3, 32, 32) | |
# | `Conv2d(3, 16, 3, padding=1)`, ReLU, `MaxPool2d(2)` | (N, 16, 16, 16) | $3 \cdot 16 \cdot 9 + 16 = 448$ |
# | `Conv2d(16, 32, 3, padding=1)`, ReLU, `MaxPool2d(2)` | (N, 32, 8, 8) | $16 \cdot 32 \cdot 9 + 32 = 4{,}640$ |
# | flatten | (N, 2048) | |
# | `Linear(2048, num_classes)` | (N, num_classes) | $2048 \cdot 5 + 5 = 10{,}245$ |
#
# in all $448 + 4{,}640 + 10{,}245 = 15{,}333$ parameters for five classes. (The origin
# fed it 64×64 images, so its linear layer had $32 \cdot 16 \cdot 16 = 8{,}192$ inputs.)
# The convolutions and the linear layer have biases (PyTorch's default). Flatten in
# PyTorch's (C, H, W) order: `x.flatten(1)`, `x.view(len(x), -1)` or `nn.Flatten()`.
# The output is the raw scores (logits), with no softmax. Whether you pool before or
# after each ReLU does not matter: the two commute. Define the layers in forward order
# (the first convolution, the second, then the linear layer), so that `parameters()`
# and `layer_grad_norms` list them from input to output.

# %% answer id=simple_cnn
class SimpleCNN(nn.Module):
    """conv 3->16, ReLU, 2x2 max-pool, conv 16->32, ReLU, 2x2 max-pool, flatten, linear 2048 -> num_classes,
    for images (N, 3, 32, 32)."""

    def __init__(self, num_classes: int = 5):
        super().__init__()
        ### BEGIN SOLUTION
        self.conv1 = nn.Conv2d(3, 16, kernel_size=3, padding=1)
        self.conv2 = nn.Conv2d(16, 32, kernel_size=3, padding=1)
        self.pool = nn.MaxPool2d(2)
        self.fc = nn.Linear(32 * 8 * 8, num_classes)
        ### END SOLUTION

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """Images x (N, 3, 32, 32) -> logits (N, num_classes)."""
        ### BEGIN SOLUTION
        x = self.pool(F.relu(self.conv1(x)))  # (N, 16, 16, 16)
        x = self.pool(F.relu(self.conv2(x)))  # (N, 32, 8, 8)
        return self.fc(x.flatten(1))
        ### END SOLUTION

# %% test id=simple_cnn_structure points=4
"""SimpleCNN: 15,333 parameters for 5 classes, logits (N, 5) for images (N, 3, 32, 32); other numbers of classes"""
import torch
import torch.nn as nn
from course_utils import check_shape, check_type

model = SimpleCNN()
check_type(model, nn.Module, what="SimpleCNN()")
count = sum(p.numel() for p in model.parameters())
assert count == 15_333, f"SimpleCNN() has {count:,} parameters, expected 15,333 (448 + 4,640 + 10,245)"
x = torch.randn(4, 3, 32, 32, generator=torch.Generator().manual_seed(0))
try:
    out = model(x)
except RuntimeError as error:
    raise AssertionError(f"SimpleCNN()(x (4, 3, 32, 32)) raised RuntimeError: {error}\n(for 32x32 images the linear "
                         "layer takes 32 * 8 * 8 = 2,048 inputs)") from None
check_shape(out, (4, 5), what="SimpleCNN()(x (4, 3, 32, 32))")
### BEGIN HIDDEN TESTS
g = torch.Generator().manual_seed(1)
for classes in (3, 10, 1):
    call = f"SimpleCNN(num_classes={classes})"
    model = SimpleCNN(num_classes=classes)
    expected = 448 + 4_640 + 2048 * classes + classes
    count = sum(p.numel() for p in model.parameters())
    assert count == expected, f"{call} has {count:,} parameters, expected {expected:,}"
    for n in (1, 6):
        check_shape(model(torch.randn(n, 3, 32, 32, generator=g)), (n, classes), what=f"{call}(x ({n}, 3, 32, 32))")
check_shape(SimpleCNN(7)(torch.randn(2, 3, 32, 32, generator=g)), (2, 7), what="SimpleCNN(7) (num_classes passed by position)")
### END HIDDEN TESTS

# %% test id=simple_cnn_function points=6
"""SimpleCNN computes conv -> ReLU -> max-pool (x2), flatten in (C, H, W) order, linear, with its own weights"""
import torch
import torch.nn.functional as F

torch.manual_seed(0)
model = SimpleCNN()
x = torch.randn(8, 3, 32, 32, generator=torch.Generator().manual_seed(1))
try:
    logits = model(x)
except RuntimeError as error:
    raise AssertionError(f"SimpleCNN()(x (8, 3, 32, 32)) raised RuntimeError: {error}\n(for 32x32 images the linear "
                         "layer takes 32 * 8 * 8 = 2,048 inputs)") from None
F.cross_entropy(logits, torch.arange(8) % 5).backward()
no_gradient = [name for name, p in model.named_parameters() if p.grad is None or not p.grad.abs().sum() > 0]
assert not no_gradient, f"SimpleCNN(): after a backward pass these parameters got no gradient: {no_gradient}"
### BEGIN HIDDEN TESTS
from course_utils import check_close


def by_shape(model, shapes, call):
    found = {}
    for p in model.parameters():
        found.setdefault(tuple(p.shape), []).append(p.detach())
    missing = [s for s in shapes if s not in found]
    assert not missing, f"{call}: found no parameter of shape {missing}; its parameters have shapes {sorted(found)}"
    return [found[s][0] for s in shapes]


g = torch.Generator().manual_seed(2)
for classes, seed in [(5, 3), (3, 4), (10, 5)]:
    call = f"SimpleCNN(num_classes={classes})"
    torch.manual_seed(seed)
    model = SimpleCNN(num_classes=classes)
    shapes = [(16, 3, 3, 3), (16,), (32, 16, 3, 3), (32,), (classes, 2048), (classes,)]
    w1, b1, w2, b2, w3, b3 = by_shape(model, shapes, call)
    listed = [tuple(p.shape) for p in model.parameters()]
    assert listed == shapes, (f"{call}: parameters() lists the shapes {listed}, expected {shapes}: define conv1, "
                              "conv2, then the linear layer (forward order), so that layer_grad_norms goes input to output")
    x = torch.randn(5, 3, 32, 32, generator=g) * 3
    h = F.max_pool2d(F.relu(F.conv2d(x, w1, b1, padding=1)), 2)
    h = F.max_pool2d(F.relu(F.conv2d(h, w2, b2, padding=1)), 2)
    expected = F.linear(h.flatten(1), w3, b3)
    with torch.no_grad():
        check_close(model(x), expected, what=f"{call}(x (5, 3, 32, 32)) (logits; flatten in (C, H, W) order)",
                    atol=1e-4, rtol=1e-4)
### END HIDDEN TESTS

# %% [markdown]
# ## Part C: a plain block and a residual block (8 + 7 + 7 points)
#
# Both blocks hold two 3×3 convolutions with a ReLU after each. The residual block
# adds its input back before the last ReLU:
#
# $$\text{PlainBlock:}\quad y = \mathrm{relu}\big(\mathrm{conv_2}(\mathrm{relu}(\mathrm{conv_1}(x)))\big),
# \qquad
# \text{ResidualBlock:}\quad y = \mathrm{relu}\big(\mathrm{conv_2}(\mathrm{relu}(\mathrm{conv_1}(x))) + \mathrm{shortcut}(x)\big).$$
#
# The rules (the tests rely on each of them):
#
# * The convolutions are `nn.Conv2d` layers with a 3×3 kernel, `padding=1` and a bias
#   (PyTorch's default). `conv1` maps the input channels to the output channels and
#   carries the stride; `conv2` maps the output channels to themselves with stride 1.
#   A stride of 2 halves the height and width (rounding up: 15 rows become 8).
# * `PlainBlock(channels)` keeps the number of channels (`conv1` and `conv2` both map
#   `channels` to `channels`) and has no shortcut.
# * The shortcut of `ResidualBlock(in_channels, out_channels, stride=1)` is the
#   **identity** (no parameters) when the shape stays the same, that is when
#   `in_channels == out_channels` and `stride == 1`. Otherwise $x$ cannot be added to
#   the output as it is, and the shortcut is a **projection**: a 1×1 convolution from
#   `in_channels` to `out_channels` with the block's stride (no padding, with a bias).
# * No normalisation layer and no other parameters; keep `nn.Conv2d`'s default
#   initialisation (no re-initialisation, no zero-initialised last convolution).
# * Create `conv1` before `conv2`, and a projection after them: the tests read the
#   convolutions in the order `block.parameters()` lists them (each weight followed by
#   its bias, as `nn.Conv2d` lists them).
# * The input tensor must stay as it was (a ReLU *in place* on `x` itself would change
#   the caller's tensor; `nn.ReLU(inplace=True)` on an intermediate result is fine).
#
# **Worked example.** `ResidualBlock(16, 32, stride=2)` turns (N, 16, 32, 32) into
# (N, 32, 16, 16). Its parameters: `conv1` $16 \cdot 32 \cdot 9 + 32 = 4{,}640$, `conv2`
# $32 \cdot 32 \cdot 9 + 32 = 9{,}248$, the projection $16 \cdot 32 + 32 = 544$: in all
# 14,432. `PlainBlock(16)` and `ResidualBlock(16, 16)` both have
# $2 \cdot (16 \cdot 16 \cdot 9 + 16) = 4{,}640$: the identity costs nothing.

# %% answer id=plain_block
class PlainBlock(nn.Module):
    """relu(conv2(relu(conv1(x)))): two 3x3 convolutions (padding 1, with biases), channels -> channels."""

    def __init__(self, channels: int):
        super().__init__()
        ### BEGIN SOLUTION
        self.conv1 = nn.Conv2d(channels, channels, kernel_size=3, padding=1)
        self.conv2 = nn.Conv2d(channels, channels, kernel_size=3, padding=1)
        ### END SOLUTION

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """x (N, channels, H, W) -> (N, channels, H, W)."""
        ### BEGIN SOLUTION
        return F.relu(self.conv2(F.relu(self.conv1(x))))
        ### END SOLUTION

# %% test id=plain_block_correct points=8
"""PlainBlock: 4,640 parameters for 16 channels, the shape kept, relu(conv2(relu(conv1(x)))) with its own weights"""
from course_utils import check_plain
import torch
import torch.nn as nn
import torch.nn.functional as F
from course_utils import check_close, check_shape, check_type

block = PlainBlock(16)
check_type(block, nn.Module, what="PlainBlock(16)")
count = sum(p.numel() for p in block.parameters())
assert count == 4_640, f"PlainBlock(16) has {count:,} parameters, expected 4,640 (2 x (16*16*9 + 16))"
x = torch.randn(2, 16, 8, 8, generator=torch.Generator().manual_seed(0))
check_shape(block(x), (2, 16, 8, 8), what="PlainBlock(16)(x (2, 16, 8, 8))")
### BEGIN HIDDEN TESTS


def conv_layers(block, call):
    """[(weight, bias)] of the block's convolutions, in the order of block.parameters()."""
    layers = []
    for p in block.parameters():
        if p.dim() == 4:
            layers.append([p.detach(), None])
        elif p.dim() == 1 and layers and layers[-1][1] is None and len(p) == layers[-1][0].shape[0]:
            layers[-1][1] = p.detach()
        else:
            raise AssertionError(f"{call}: has a parameter of shape {tuple(p.shape)} that is neither a convolution's "
                                 "weight nor its bias (no normalisation layer, no other parameters)")
    no_bias = [i + 1 for i, (w, b) in enumerate(layers) if b is None]
    assert not no_bias, f"{call}: convolution {no_bias} has no bias (keep PyTorch's default bias=True)"
    return layers


def check_default_init(block, call):
    """PyTorch's default initialisation of a convolution: weights uniform in +-1/sqrt(fan_in), filling that range."""
    for name, w in block.named_parameters():
        if w.dim() == 4:
            bound = 1 / w[0].numel() ** 0.5
            largest = float(w.detach().abs().max())
            assert 0.5 * bound <= largest <= bound * (1 + 1e-6), \
                (f"{call}: the largest |weight| of {name} is {largest:.4g}, expected up to 1/sqrt(fan_in) = {bound:.4g} "
                 "and close to it (keep nn.Conv2d's default initialisation: no re-initialisation, no zeros)")


g = torch.Generator().manual_seed(1)
for channels, shape in [(16, (3, 16, 8, 8)), (3, (2, 3, 7, 9)), (5, (1, 5, 1, 1))]:
    call = f"PlainBlock({channels})"
    torch.manual_seed(channels)
    block = PlainBlock(channels)
    count = sum(p.numel() for p in block.parameters())
    expected_count = 2 * (channels * channels * 9 + channels)
    assert count == expected_count, f"{call} has {count:,} parameters, expected {expected_count:,}"
    layers = conv_layers(block, call)
    shapes = [tuple(w.shape) for w, _ in layers]
    assert shapes == [(channels, channels, 3, 3)] * 2, \
        f"{call}: its convolutions have weights of shapes {shapes}, expected two of {(channels, channels, 3, 3)}"
    (w1, b1), (w2, b2) = layers
    check_default_init(block, call)
    x = (torch.randn(*shape, generator=g) * 2).requires_grad_()  # negative values too
    before = x.detach().clone()
    x_ref = x.detach().clone().requires_grad_()
    expected = F.relu(F.conv2d(F.relu(F.conv2d(x_ref, w1, b1, padding=1)), w2, b2, padding=1))
    got = block(x)
    check_plain(got)
    assert torch.equal(x.detach(), before), f"{call}(x {shape}) changed its input x"
    check_close(got, expected, what=f"{call}(x {shape}) compared with relu(conv2(relu(conv1(x))))", atol=1e-5, rtol=1e-4)
    expected.sum().backward()
    got.sum().backward()
    assert x.grad is not None, f"{call}: no gradient reaches the input x (do not detach it)"
    check_close(x.grad, x_ref.grad, what=f"{call}(x {shape}): the gradient that reaches x", atol=1e-5, rtol=1e-4)
    no_gradient = [name for name, p in block.named_parameters() if p.grad is None]
    assert not no_gradient, f"{call}: after a backward pass these parameters got no gradient: {no_gradient}"
### END HIDDEN TESTS

# %% answer id=residual_block
class ResidualBlock(nn.Module):
    """relu(conv2(relu(conv1(x))) + shortcut(x)); conv1 carries the stride; the shortcut is the identity when the
    shape is kept, else a 1x1 convolution with the stride."""

    def __init__(self, in_channels: int, out_channels: int, stride: int = 1):
        super().__init__()
        ### BEGIN SOLUTION
        self.conv1 = nn.Conv2d(in_channels, out_channels, kernel_size=3, stride=stride, padding=1)
        self.conv2 = nn.Conv2d(out_channels, out_channels, kernel_size=3, padding=1)
        if in_channels == out_channels and stride == 1:
            self.shortcut = nn.Identity()
        else:
            self.shortcut = nn.Conv2d(in_channels, out_channels, kernel_size=1, stride=stride)
        ### END SOLUTION

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """x (N, in_channels, H, W) -> (N, out_channels, ceil(H / stride), ceil(W / stride))."""
        ### BEGIN SOLUTION
        return F.relu(self.conv2(F.relu(self.conv1(x))) + self.shortcut(x))
        ### END SOLUTION

# %% test id=residual_block_identity points=7
"""ResidualBlock with the shape kept: no shortcut parameters, relu(conv2(relu(conv1(x))) + x) with its own weights"""
from course_utils import check_plain
import torch
import torch.nn as nn
import torch.nn.functional as F
from course_utils import check_close, check_shape, check_type

block = ResidualBlock(16, 16)
check_type(block, nn.Module, what="ResidualBlock(16, 16)")
count = sum(p.numel() for p in block.parameters())
assert count == 4_640, f"ResidualBlock(16, 16) has {count:,} parameters, expected 4,640 (the identity has none)"
x = torch.randn(2, 16, 8, 8, generator=torch.Generator().manual_seed(0))
check_shape(block(x), (2, 16, 8, 8), what="ResidualBlock(16, 16)(x (2, 16, 8, 8))")
with torch.no_grad():
    for p in block.parameters():
        p.zero_()
    check_close(block(x), F.relu(x), what="ResidualBlock(16, 16) with every weight and bias 0, applied to x: relu(0 + x)")
### BEGIN HIDDEN TESTS


def conv_layers(block, call):
    """[(weight, bias)] of the block's convolutions, in the order of block.parameters()."""
    layers = []
    for p in block.parameters():
        if p.dim() == 4:
            layers.append([p.detach(), None])
        elif p.dim() == 1 and layers and layers[-1][1] is None and len(p) == layers[-1][0].shape[0]:
            layers[-1][1] = p.detach()
        else:
            raise AssertionError(f"{call}: has a parameter of shape {tuple(p.shape)} that is neither a convolution's "
                                 "weight nor its bias (no normalisation layer, no other parameters)")
    no_bias = [i + 1 for i, (w, b) in enumerate(layers) if b is None]
    assert not no_bias, f"{call}: convolution {no_bias} has no bias (keep PyTorch's default bias=True)"
    return layers


g = torch.Generator().manual_seed(1)
for channels, shape, stride_given in [(16, (3, 16, 8, 8), False), (4, (2, 4, 7, 9), True), (3, (1, 3, 5, 4), False)]:
    call = f"ResidualBlock({channels}, {channels}{', stride=1' if stride_given else ''})"
    torch.manual_seed(channels)
    block = ResidualBlock(channels, channels, stride=1) if stride_given else ResidualBlock(channels, channels)
    layers = conv_layers(block, call)
    shapes = [tuple(w.shape) for w, _ in layers]
    assert shapes == [(channels, channels, 3, 3)] * 2, (f"{call}: its convolutions have weights of shapes {shapes}, "
                                                        f"expected two of {(channels, channels, 3, 3)} and an identity shortcut")
    (w1, b1), (w2, b2) = layers
    x = torch.randn(*shape, generator=g) * 2  # negative values too
    before = x.clone()
    expected = F.relu(F.conv2d(F.relu(F.conv2d(x, w1, b1, padding=1)), w2, b2, padding=1) + x)
    got = block(x)
    check_plain(got)
    assert torch.equal(x, before), f"{call}(x {shape}) changed its input x"
    check_close(got, expected, what=f"{call}(x {shape}) compared with relu(conv2(relu(conv1(x))) + x)", atol=1e-5, rtol=1e-4)
    # The identity path: the gradient of the output reaches x even where the convolutions give none.
    x = x.clone().requires_grad_(True)
    with torch.no_grad():
        for p in block.parameters():
            p.zero_()
    block(x).sum().backward()
    check_close(x.grad, (x > 0).float(), what=f"{call} with zero weights: d sum(block(x)) / dx (the identity path)")
### END HIDDEN TESTS

# %% test id=residual_block_projection points=7
"""ResidualBlock with a projection: 14,432 parameters for (16, 32, stride=2), (N, 32, 16, 16), 1x1 convolution with the stride"""
from course_utils import check_plain
import torch
import torch.nn as nn
import torch.nn.functional as F
from course_utils import check_shape

block = ResidualBlock(16, 32, stride=2)
count = sum(p.numel() for p in block.parameters())
assert count == 14_432, f"ResidualBlock(16, 32, stride=2) has {count:,} parameters, expected 14,432 (4,640 + 9,248 + 544)"
x = torch.randn(2, 16, 32, 32, generator=torch.Generator().manual_seed(0))
try:
    out = block(x)
except RuntimeError as error:
    raise AssertionError(f"ResidualBlock(16, 32, stride=2)(x (2, 16, 32, 32)) raised RuntimeError: {error}\n(the "
                         "shortcut must have the output's shape: a 1x1 convolution with the block's stride)") from None
check_shape(out, (2, 32, 16, 16), what="ResidualBlock(16, 32, stride=2)(x (2, 16, 32, 32))")
### BEGIN HIDDEN TESTS
from course_utils import check_close


def conv_layers(block, call):
    """[(weight, bias)] of the block's convolutions, in the order of block.parameters()."""
    layers = []
    for p in block.parameters():
        if p.dim() == 4:
            layers.append([p.detach(), None])
        elif p.dim() == 1 and layers and layers[-1][1] is None and len(p) == layers[-1][0].shape[0]:
            layers[-1][1] = p.detach()
        else:
            raise AssertionError(f"{call}: has a parameter of shape {tuple(p.shape)} that is neither a convolution's "
                                 "weight nor its bias (no normalisation layer, no other parameters)")
    no_bias = [i + 1 for i, (w, b) in enumerate(layers) if b is None]
    assert not no_bias, f"{call}: convolution {no_bias} has no bias (keep PyTorch's default bias=True)"
    return layers


def check_default_init(block, call):
    """PyTorch's default initialisation of a convolution: weights uniform in +-1/sqrt(fan_in), filling that range."""
    for name, w in block.named_parameters():
        if w.dim() == 4:
            bound = 1 / w[0].numel() ** 0.5
            largest = float(w.detach().abs().max())
            assert 0.5 * bound <= largest <= bound * (1 + 1e-6), \
                (f"{call}: the largest |weight| of {name} is {largest:.4g}, expected up to 1/sqrt(fan_in) = {bound:.4g} "
                 "and close to it (keep nn.Conv2d's default initialisation: no re-initialisation, no zeros)")


g = torch.Generator().manual_seed(1)
cases = [  # (in, out, stride, input shape): channels and stride change, only the channels, only the stride, odd sizes
    (16, 32, 2, (2, 16, 12, 12)),
    (4, 8, 1, (2, 4, 7, 9)),
    (8, 8, 2, (2, 8, 10, 6)),
    (3, 6, 2, (3, 3, 15, 17)),
    (6, 3, 3, (1, 6, 10, 11)),
]
for n_in, n_out, stride, shape in cases:
    call = f"ResidualBlock({n_in}, {n_out}, stride={stride})"
    torch.manual_seed(n_in + n_out + stride)
    try:
        block = ResidualBlock(n_in, n_out, stride=stride)
        x = torch.randn(*shape, generator=g) * 2
        before = x.clone()
        got = block(x)
        check_plain(got)
    except RuntimeError as error:
        raise AssertionError(f"{call}(x {shape}) raised RuntimeError: {error}\n(when the channels or the stride change, "
                             "the shortcut is a 1x1 convolution with the block's stride)") from None
    expected_count = (n_in * n_out * 9 + n_out) + (n_out * n_out * 9 + n_out) + (n_in * n_out + n_out)
    count = sum(p.numel() for p in block.parameters())
    assert count == expected_count, f"{call} has {count:,} parameters, expected {expected_count:,}"
    layers = conv_layers(block, call)
    threes = [(w, b) for w, b in layers if w.shape[-2:] == (3, 3)]
    ones = [(w, b) for w, b in layers if w.shape[-2:] == (1, 1)]
    shapes = [tuple(w.shape) for w, _ in layers]
    assert len(threes) == 2 and len(ones) == 1, \
        f"{call}: its convolutions have weights of shapes {shapes}, expected two 3x3 convolutions and one 1x1 projection"
    (w1, b1), (w2, b2) = threes
    (ws, bs), = ones
    expected_shapes = [(n_out, n_in, 3, 3), (n_out, n_out, 3, 3), (n_out, n_in, 1, 1)]
    assert [tuple(w1.shape), tuple(w2.shape), tuple(ws.shape)] == expected_shapes, \
        f"{call}: conv1, conv2 and the projection have weights of shapes {shapes}, expected {expected_shapes}"
    assert shapes == expected_shapes, (f"{call}: parameters() lists the weights in the order {shapes}, expected "
                                       f"{expected_shapes}: create conv1, conv2, then the projection (forward order)")
    check_default_init(block, call)
    expected = F.relu(F.conv2d(F.relu(F.conv2d(x, w1, b1, stride=stride, padding=1)), w2, b2, padding=1)
                      + F.conv2d(x, ws, bs, stride=stride))
    assert torch.equal(x, before), f"{call}(x {shape}) changed its input x"
    check_close(got, expected, what=(f"{call}(x {shape}) compared with relu(conv2(relu(conv1(x))) + proj(x)), "
                                     "the stride on conv1 and on the projection"), atol=1e-5, rtol=1e-4)
    got.sum().backward()
    no_gradient = [name for name, p in block.named_parameters() if p.grad is None or not p.grad.abs().sum() > 0]
    assert not no_gradient, f"{call}: after a backward pass these parameters got no gradient: {no_gradient}"
block = ResidualBlock(4, 8)
check_shape(block(torch.randn(1, 4, 5, 5, generator=g)), (1, 8, 5, 5), what="ResidualBlock(4, 8) (the default stride is 1)")
### END HIDDEN TESTS

# %% [markdown]
# ## Part D: networks of any depth (6 + 10 points)
#
# `make_net(depth, residual, num_classes=5, width=16)` stacks `depth` blocks of one
# kind between a first convolution (the *stem*) and a classifier:
#
# 1. the stem: `Conv2d(3, width, kernel_size=3, padding=1)` followed by a ReLU;
# 2. `depth` blocks that keep `width` channels and the size: `PlainBlock(width)` when
#    `residual` is false, `ResidualBlock(width, width)` (identity shortcuts) when it is
#    true;
# 3. global average pooling: the mean over the height and width of each channel
#    (`nn.AdaptiveAvgPool2d(1)` and a flatten, or `x.mean(dim=(2, 3))`): (N, width);
# 4. `Linear(width, num_classes)`, whose output (the logits) is the network's output.
#
# `depth` may be 0 (the stem, the pooling and the linear layer, no block).
#
# Because of the global pooling, the network takes images of any size. Keep PyTorch's
# default initialisation (do not initialise the weights yourself), and **register the
# layers in forward order**: `net.parameters()` must list the stem's weight and bias,
# then the parameters of block 1, ..., block `depth`, then the linear layer's weight and
# bias. An `nn.Sequential` does that, as does a module that creates its stem, its blocks
# and its classifier in that order. The tests read your network's parameters in that
# order, and the experiments below assume it.
#
# **Worked example.** `make_net(20, residual)` has
# $448 + 20 \cdot 4{,}640 + (16 \cdot 5 + 5) = 93{,}333$ parameters, plain or residual,
# and 42 weight tensors: 41 convolutions and the linear layer. In the plain network,
# the gradient that reaches the stem has passed back through 40 convolutions and 41
# ReLUs.

# %% answer id=make_net
def make_net(depth: int, residual: bool, num_classes: int = 5, width: int = 16) -> nn.Module:
    """stem conv 3 -> width + ReLU, `depth` blocks width -> width (residual or plain), global average pooling,
    Linear(width, num_classes); layers registered in forward order."""
    ### BEGIN SOLUTION
    blocks = [ResidualBlock(width, width) if residual else PlainBlock(width) for _ in range(depth)]
    return nn.Sequential(
        nn.Conv2d(3, width, kernel_size=3, padding=1),
        nn.ReLU(),
        *blocks,
        nn.AdaptiveAvgPool2d(1),
        nn.Flatten(),
        nn.Linear(width, num_classes),
    )
    ### END SOLUTION

# %% test id=make_net_structure points=6
"""make_net: 93,333 parameters at depth 20, plain or residual; logits (N, 5); 42 weight tensors; other depths and widths"""
import torch
import torch.nn as nn
from course_utils import check_shape, check_type

x = torch.randn(2, 3, 32, 32, generator=torch.Generator().manual_seed(0))
for residual in (False, True):
    call = f"make_net(20, residual={residual})"
    net = make_net(20, residual)
    check_type(net, nn.Module, what=call)
    count = sum(p.numel() for p in net.parameters())
    assert count == 93_333, f"{call} has {count:,} parameters, expected 93,333 (448 + 20 x 4,640 + 85)"
    weights = [p for p in net.parameters() if p.dim() > 1]
    assert len(weights) == 42, f"{call} has {len(weights)} weight tensors, expected 42 (41 convolutions and 1 linear layer)"
    check_shape(net(x), (2, 5), what=f"{call}(x (2, 3, 32, 32))")
### BEGIN HIDDEN TESTS
g = torch.Generator().manual_seed(1)
for depth, residual, classes, width in [(1, False, 5, 16), (3, True, 3, 8), (6, False, 10, 4), (2, True, 2, 32)]:
    call = f"make_net({depth}, residual={residual}, num_classes={classes}, width={width})"
    net = make_net(depth, residual, num_classes=classes, width=width)
    expected = (27 * width + width) + depth * 2 * (9 * width * width + width) + (width * classes + classes)
    count = sum(p.numel() for p in net.parameters())
    assert count == expected, f"{call} has {count:,} parameters, expected {expected:,}"
    for shape in [(2, 3, 32, 32), (1, 3, 17, 23), (3, 3, 8, 8), (1, 3, 1, 1)]:
        try:
            out = net(torch.randn(*shape, generator=g))
        except RuntimeError as error:
            raise AssertionError(f"{call}(x {shape}) raised RuntimeError: {error}\n(global average pooling makes "
                                 "the network work for every image size)") from None
        check_shape(out, (shape[0], classes), what=f"{call}(x {shape})")
net = make_net(2, True, 3, 8)
check_shape(net(torch.randn(2, 3, 9, 9, generator=g)), (2, 3), what="make_net(2, True, 3, 8) (arguments by position)")
for residual in (False, True):  # depth 0: the stem, the pooling and the head, no block
    count = sum(p.numel() for p in make_net(0, residual).parameters())
    assert count == 448 + 85, f"make_net(0, residual={residual}) has {count:,} parameters, expected 533 (no block)"
### END HIDDEN TESTS

# %% test id=make_net_function points=10
"""make_net computes stem + ReLU, the blocks, global average pooling and the linear layer, in forward order, default init"""
import torch
import torch.nn as nn

torch.manual_seed(0)
names = [name for name, p in make_net(2, True).named_parameters()]
shapes = [tuple(p.shape) for p in make_net(2, True).parameters()]
assert shapes[:2] == [(16, 3, 3, 3), (16,)] and shapes[-2:] == [(5, 16), (5,)], \
    (f"make_net(2, True).parameters() lists shapes {shapes} ({names}): expected the stem (16, 3, 3, 3), (16,) first "
     "and the linear layer (5, 16), (5,) last (register the layers in forward order)")
### BEGIN HIDDEN TESTS
import math

import torch.nn.functional as F
from course_utils import check_close


def expected_shapes(depth, classes, width):
    return ([(width, 3, 3, 3), (width,)] + [(width, width, 3, 3), (width,)] * (2 * depth)
            + [(classes, width), (classes,)])


def reference_forward(params, x, depth, residual):
    """The network of the statement, computed with the given parameters in forward order."""
    h = F.relu(F.conv2d(x, params[0], params[1], padding=1))
    for k in range(depth):
        w1, b1, w2, b2 = params[2 + 4 * k: 6 + 4 * k]
        out = F.conv2d(F.relu(F.conv2d(h, w1, b1, padding=1)), w2, b2, padding=1)
        h = F.relu(out + h) if residual else F.relu(out)
    return F.linear(h.mean(dim=(2, 3)), params[-2], params[-1])


g = torch.Generator().manual_seed(1)
# Shallow networks, so that no signal vanishes before it reaches the output; float64 so the comparison can be tight.
for depth, residual, classes, width in [(1, False, 5, 16), (2, False, 3, 8), (3, True, 5, 16), (5, True, 4, 6),
                                        (1, True, 2, 4)]:
    call = f"make_net({depth}, residual={residual}, num_classes={classes}, width={width})"
    torch.manual_seed(10 * depth + width)
    net = make_net(depth, residual, num_classes=classes, width=width).double()
    named = list(net.named_parameters())
    got_shapes = [tuple(p.shape) for _, p in named]
    wanted = expected_shapes(depth, classes, width)
    if got_shapes != wanted:
        first = next((i for i, (a, b) in enumerate(zip(got_shapes, wanted)) if a != b), min(len(got_shapes), len(wanted)))
        name = named[first][0] if first < len(named) else "(none)"
        raise AssertionError(f"{call}: parameter {first} ({name}) has shape "
                             f"{got_shapes[first] if first < len(got_shapes) else 'missing'}, expected "
                             f"{wanted[first] if first < len(wanted) else 'no more parameters'} (forward order: stem, "
                             "each block's conv1 and conv2 with their biases, then the linear layer)")
    params = [p.detach() for _, p in named]
    for shape in [(3, 3, 12, 12), (2, 3, 7, 10)]:
        x = torch.randn(*shape, generator=g, dtype=torch.float64) * 2
        with torch.no_grad():
            check_close(net(x), reference_forward(params, x, depth, residual),
                        what=f"{call}(x {shape}) compared with stem + ReLU, {depth} {'residual' if residual else 'plain'} "
                             "block(s), global average pooling, linear", atol=1e-10, rtol=1e-8)
# PyTorch's default initialisation: weights and biases uniform in +-1/sqrt(fan_in), no initialisation of your own.
for residual in (False, True):
    call = f"make_net(20, residual={residual})"
    torch.manual_seed(3)
    net = make_net(20, residual)
    params = list(net.parameters())
    weights = [p for p in params if p.dim() > 1]
    for index, w in enumerate(weights):
        bound = 1 / math.sqrt(w[0].numel())
        largest = w.detach().abs().max().item()
        assert largest <= bound * (1 + 1e-5), (f"{call}: weight tensor {index} {tuple(w.shape)} holds {largest:.4f}, "
                                               f"beyond PyTorch's default bound 1/sqrt(fan_in) = {bound:.4f} "
                                               "(keep the default initialisation)")
        if w.numel() >= 400:
            spread = w.detach().std().item() * math.sqrt(3) / bound
            assert 0.85 < spread < 1.15, (f"{call}: weight tensor {index} {tuple(w.shape)} has standard deviation "
                                          f"{w.detach().std().item():.4f}, expected about {bound / math.sqrt(3):.4f} "
                                          "(PyTorch's default: uniform in +-1/sqrt(fan_in))")
    biases = [(p, w) for p, w in zip(params[1::2], params[0::2]) if p.dim() == 1]
    assert all(p.detach().abs().max().item() <= 1 / math.sqrt(w[0].numel()) * (1 + 1e-5) for p, w in biases), \
        f"{call}: a bias lies beyond PyTorch's default bound 1/sqrt(fan_in) (keep the default initialisation)"
    assert all(p.detach().abs().max().item() > 0 for p in params), \
        f"{call}: a weight or bias is all zeros (keep PyTorch's default initialisation)"
### END HIDDEN TESTS

# %% [markdown]
# ## How much gradient reaches the first layer?
#
# Nothing to write here. The cell below builds a plain and a residual network of depth
# 20 from the same seed, runs one forward and backward pass on the probe batch, and
# plots `layer_grad_norms` of each, from the stem (tensor 0) to the linear layer
# (tensor 41), on a logarithmic scale.

# %%
x_probe, y_probe = probe_batch
profiles = {}
for residual in (False, True):
    torch.manual_seed(0)
    net = make_net(20, residual)
    F.cross_entropy(net(x_probe), y_probe).backward()
    profiles["residual" if residual else "plain"] = list(layer_grad_norms(net).values())

fig, ax = plt.subplots(figsize=(8, 4))
for name, norms in profiles.items():
    ax.semilogy(range(len(norms)), norms, marker="o", markersize=3, label=f"{name} network, depth 20")
ax.set_title("Gradient norm of each weight tensor at initialisation (float32)")
ax.set_xlabel("weight tensor (0 = stem, 41 = linear layer)")
ax.set_ylabel("L2 norm of the gradient (log scale)")
ax.legend()
fig.tight_layout()
for name, norms in profiles.items():
    print(f"{name:>8}: stem {norms[0]:.2e}, last convolution {norms[-2]:.2e}, linear layer {norms[-1]:.2e}")

torch.manual_seed(0)
net = make_net(32, False)
F.cross_entropy(net(x_probe), y_probe).backward()
stem_weight = next(p for p in net.parameters() if p.dim() > 1)
print(f"plain network of depth 32, float32: the stem's gradient norm is {list(layer_grad_norms(net).values())[0]!r}, "
      f"its largest entry {stem_weight.grad.abs().max().item():.2e}")

# %% [markdown]
# The plain network's gradient shrinks by the same factor at every layer, a straight
# line on the log scale, and reaches the stem some 16 orders of magnitude smaller than
# at the output. Why so regular? PyTorch's default initialisation draws each weight
# uniformly from $\pm 1/\sqrt{\text{fan-in}}$, a variance of $1 / (3 \cdot \text{fan-in})$:
# a convolution divides the mean square of the signal by about 3, and the ReLU halves it
# again. Forward and backward alike, each layer scales the typical size of the signal by
# about $1/\sqrt{6} \approx 0.41$, and $0.41^{40} \approx 3 \cdot 10^{-16}$. (He
# initialisation, the ResNet paper's choice, doubles the variance to cancel the ReLU's
# halving; it is not used here, on purpose.) In the residual network $F(x)$ starts small
# next to $x$, every block is close to the identity, and the gradient reaches the stem
# at about the size it had at the top.
#
# At depth 32 the norm of the plain network's stem gradient comes out as exactly
# **0.0**, although the gradient's entries are not zero (the largest is about
# $10^{-28}$): the norm squares them, and $10^{-56}$ is far below the smallest
# positive float32 number, about $1.4 \cdot 10^{-45}$ (precision is lost already below
# $1.2 \cdot 10^{-38}$). The squares *underflow* from a depth of about 27 on; from a depth
# of about 45 on the entries themselves do. To measure these gradients we need float64,
# which reaches $10^{-308}$.

# %% [markdown]
# ## Part E: the first-layer gradient ratio, in float64 (8 + 6 + 12 points)
#
# Write `first_layer_grad_ratio(depth, batch, seed=0)`: how many times larger the
# stem's gradient is in the residual network than in the plain network of the same
# depth, at initialisation. Step by step:
#
# 1. `batch` is `(images, labels)` as a `DataLoader` yields it (a tuple or a list):
#    float32 images (B, 3, H, W) and int64 labels (B,) in 0...4. Leave it unchanged;
#    everything happens on the CPU.
# 2. For the plain (`residual=False`) and the residual (`residual=True`) network in
#    turn: call `torch.manual_seed(seed)`, then `make_net(depth, residual)` with its
#    defaults (5 classes, width 16), and convert the network to float64 with `.double()`.
#    (Build it in float32 and convert it: a network built in float64 draws other random
#    weights.) Compute the mean cross-entropy `F.cross_entropy(net(images.double()),
#    labels)` and back-propagate.
# 3. The stem's gradient norm is the norm of the gradient of the stem's weight, the
#    first entry of `layer_grad_norms(net)`.
# 4. Return the residual network's stem gradient norm divided by the plain network's,
#    as a Python float.
#
# Seeding before each network gives both the same stem, so the ratio compares the same
# first layer under two different stacks of blocks.
#
# **Worked numbers.** From the factor 0.41 per layer, the plain network's stem
# gradient at depth 20 should be some $10^{16}$ times smaller than the residual
# network's; measured on the probe batch, the ratio is about $10^{4}$ at depth 4 and
# about $4 \cdot 10^{17}$ at depth 20. In float32 the division fails from a depth of
# about 27 on (the norm of the plain network's gradient comes out as 0), and from about
# 50 on no float32 computation of the norm can help: the gradient itself is 0.

# %% answer id=first_layer_grad_ratio
def first_layer_grad_ratio(depth: int, batch, seed: int = 0) -> float:
    """Stem gradient norm of make_net(depth, True) divided by that of make_net(depth, False), both seeded with
    `seed`, in float64, mean cross-entropy on `batch` = (images, labels), at initialisation."""
    ### BEGIN SOLUTION
    images, labels = batch
    stem_norms = {}
    for residual in (False, True):
        torch.manual_seed(seed)
        net = make_net(depth, residual).double()
        loss = F.cross_entropy(net(images.double()), labels)
        loss.backward()
        stem_norms[residual] = next(iter(layer_grad_norms(net).values()))
    return stem_norms[True] / stem_norms[False]
    ### END SOLUTION

# %% test id=first_layer_grad_ratio_value points=8
"""first_layer_grad_ratio: a Python float, above 1 at depth 4, equal to the reference at depths 1 to 20, seeded, batch unchanged"""
from course_utils import check_plain
import math

import torch
from course_utils import SyntheticPatterns

data = SyntheticPatterns(num_samples=8, image_size=16, seed=0)
batch = (data.images.clone(), data.labels.clone())
got = first_layer_grad_ratio(4, batch)
check_plain(got)
assert isinstance(got, float), f"first_layer_grad_ratio(4, batch) returned a {type(got).__name__}, expected a Python float"
assert math.isfinite(got) and got > 10, \
    f"first_layer_grad_ratio(4, batch of 8 images 16x16): got {got:.4g}, expected a finite ratio well above 1 (about 4 x 10^3)"
assert torch.equal(batch[0], data.images) and torch.equal(batch[1], data.labels), \
    "first_layer_grad_ratio(4, batch) changed the batch"
### BEGIN HIDDEN TESTS
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader


class _Plain(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.conv1, self.conv2 = nn.Conv2d(c, c, 3, padding=1), nn.Conv2d(c, c, 3, padding=1)

    def forward(self, x):
        return F.relu(self.conv2(F.relu(self.conv1(x))))


class _Residual(_Plain):
    def forward(self, x):
        return F.relu(self.conv2(F.relu(self.conv1(x))) + x)


def _reference_make_net(depth, residual, num_classes=5, width=16):
    return nn.Sequential(nn.Conv2d(3, width, 3, padding=1), nn.ReLU(),
                         *[(_Residual if residual else _Plain)(width) for _ in range(depth)],
                         nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(width, num_classes))


def _reference_norms(model):
    return {n: p.grad.norm().item() for n, p in model.named_parameters() if p.dim() > 1 and p.grad is not None}


def reference_ratio(depth, batch, seed=0):
    norms = []
    for residual in (False, True):
        torch.manual_seed(seed)
        net = _reference_make_net(depth, residual).double()
        F.cross_entropy(net(batch[0].double()), batch[1]).backward()
        norms.append(net[0].weight.grad.norm().item())
    return norms[1] / norms[0]


# The answer is graded on its own: make_net and layer_grad_norms are replaced by reference versions here.
student_make_net, student_layer_grad_norms = make_net, layer_grad_norms
make_net, layer_grad_norms = _reference_make_net, _reference_norms
try:
    small = SyntheticPatterns(num_samples=6, image_size=12, seed=3)
    small_batch = (small.images, small.labels)
    loader_batch = next(iter(DataLoader(small, batch_size=6)))  # a list [images, labels], as a DataLoader yields
    few = SyntheticPatterns(num_samples=3, image_size=12, seed=4)  # labels 0, 1, 2: classes 3 and 4 absent
    few_batch = (few.images, few.labels)
    cases = [(1, small_batch, 0), (4, batch, 0), (8, small_batch, 0), (20, small_batch, 0), (20, small_batch, 5),
             (6, loader_batch, 2), (5, few_batch, 1)]
    for depth, case_batch, seed in cases:
        expected = reference_ratio(depth, case_batch, seed)
        call = f"first_layer_grad_ratio({depth}, batch of {len(case_batch[1])} images, seed={seed})"
        got = first_layer_grad_ratio(depth, case_batch, seed=seed)
        check_plain(got)
        assert isinstance(got, float), f"{call}: returned a {type(got).__name__}, expected a Python float"
        assert math.isfinite(got) and abs(got - expected) <= 1e-9 * expected, (
            f"{call}: got {got:.12g}, expected {expected:.12g} (residual stem norm / plain stem norm; torch.manual_seed(seed) "
            f"before building each network; float64; the stem's weight)")
    # The default seed is 0, and the result does not depend on what ran before.
    torch.manual_seed(123)
    got = first_layer_grad_ratio(3, small_batch)
    check_plain(got)
    expected = reference_ratio(3, small_batch, 0)
    assert abs(got - expected) <= 1e-9 * expected, \
        f"first_layer_grad_ratio(3, batch) with the default seed: got {got:.12g}, expected {expected:.12g} (seed 0)"
    got_20 = first_layer_grad_ratio(20, small_batch)
    assert got_20 >= 1e3, f"first_layer_grad_ratio(20, batch): got {got_20:.4g}, expected at least 10^3"
finally:
    make_net, layer_grad_norms = student_make_net, student_layer_grad_norms
### END HIDDEN TESTS

# %% test id=first_layer_grad_ratio_float64 points=6
"""first_layer_grad_ratio in float64: finite and right at depth 28 (a float32 norm underflows) and 60 (a float32 gradient does)"""
from course_utils import check_plain
import math

import torch
from course_utils import SyntheticPatterns

data = SyntheticPatterns(num_samples=6, image_size=12, seed=4)
batch = (data.images, data.labels)
try:
    got = first_layer_grad_ratio(28, batch)
    check_plain(got)
except ZeroDivisionError:
    raise AssertionError("first_layer_grad_ratio(28, batch) divided by zero: the norm of the plain network's stem gradient "
                         "underflowed (compute in float64: net.double() and images.double())") from None
assert isinstance(got, float) and math.isfinite(got) and got > 1e10, \
    f"first_layer_grad_ratio(28, batch of 6 images 12x12): got {got!r}, expected a finite ratio far above 10^10"
### BEGIN HIDDEN TESTS
import torch.nn as nn
import torch.nn.functional as F


class _Plain(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.conv1, self.conv2 = nn.Conv2d(c, c, 3, padding=1), nn.Conv2d(c, c, 3, padding=1)

    def forward(self, x):
        return F.relu(self.conv2(F.relu(self.conv1(x))))


class _Residual(_Plain):
    def forward(self, x):
        return F.relu(self.conv2(F.relu(self.conv1(x))) + x)


def _reference_make_net(depth, residual, num_classes=5, width=16):
    return nn.Sequential(nn.Conv2d(3, width, 3, padding=1), nn.ReLU(),
                         *[(_Residual if residual else _Plain)(width) for _ in range(depth)],
                         nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(width, num_classes))


def _reference_norms(model):
    return {n: p.grad.norm().item() for n, p in model.named_parameters() if p.dim() > 1 and p.grad is not None}


def reference_ratio(depth, batch, seed=0):
    norms = []
    for residual in (False, True):
        torch.manual_seed(seed)
        net = _reference_make_net(depth, residual).double()
        F.cross_entropy(net(batch[0].double()), batch[1]).backward()
        norms.append(net[0].weight.grad.norm().item())
    return norms[1] / norms[0]


student_make_net, student_layer_grad_norms = make_net, layer_grad_norms
make_net, layer_grad_norms = _reference_make_net, _reference_norms
try:
    for depth, seed in [(28, 0), (60, 1)]:
        call = f"first_layer_grad_ratio({depth}, batch of 6 images 12x12, seed={seed})"
        expected = reference_ratio(depth, batch, seed)
        try:
            got = first_layer_grad_ratio(depth, batch, seed=seed)
            check_plain(got)
        except ZeroDivisionError:
            raise AssertionError(f"{call} divided by zero: the plain network's stem gradient underflowed "
                                 "(compute in float64 throughout: net.double() and images.double())") from None
        assert isinstance(got, float) and math.isfinite(got), f"{call}: got {got!r}, expected a finite float"
        assert abs(got - expected) <= 1e-9 * expected, f"{call}: got {got:.12g}, expected {expected:.12g} (float64 throughout)"
    assert batch[0].dtype == torch.float32, "first_layer_grad_ratio(...) changed the dtype of the batch's images"
finally:
    make_net, layer_grad_norms = student_make_net, student_layer_grad_norms
### END HIDDEN TESTS

# %% [markdown]
# The ratio against depth, on the probe batch: a straight line on the log scale means
# the gap grows by the same factor with every block.

# %%
depths = [1, 2, 4, 8, 12, 16, 20, 24, 32]
start = time.perf_counter()
ratios = [first_layer_grad_ratio(depth, probe_batch) for depth in depths]
slope, intercept = np.polyfit(depths, np.log10(ratios), 1)  # a straight line through log10(ratio)
growth = 10 ** slope
print(f"{len(depths)} depths in {time.perf_counter() - start:.1f} s; the ratio grows by a factor of about "
      f"{growth:.1f} per block")
for depth, ratio in zip(depths, ratios):
    print(f"  depth {depth:>2}: {ratio:.2e}")

fig, ax = plt.subplots(figsize=(6.5, 4))
ax.semilogy(depths, ratios, marker="o", label="measured (float64)")
ax.semilogy(depths, [10 ** (slope * d + intercept) for d in depths], linestyle="--",
            label=f"fitted: a factor of {growth:.1f} per block")
ax.set_title("Stem gradient: residual network / plain network, at initialisation")
ax.set_xlabel("depth (number of blocks)")
ax.set_ylabel("ratio of the stem's gradient norms (log scale)")
ax.legend()
fig.tight_layout()

# %% [markdown] manual id=why_residual_keeps_gradients points=12
# **Written answer (12 points).** Explain, with the chain rule, why the gradient that
# reaches the stem of the plain network shrinks exponentially with depth, and why the
# residual blocks prevent it. Write the derivative of one residual block,
# $y = x + F(x)$, and compare the product of the blocks' derivatives in the two
# networks. Then say what the plots above show, and why a residual network is not
# simply "a network with larger gradients" (what happens to a block whose $F$ is
# useless?).
#
# ### BEGIN SOLUTION
# * Chain rule: the gradient at the stem's output is the product of the Jacobians of
#   all the blocks above it (and of the head), applied to the gradient of the loss:
#   $\partial L / \partial x_0 = J_1^\top J_2^\top \cdots J_L^\top \, \partial L / \partial x_L$.
# * In the plain network each Jacobian is that of conv-ReLU-conv-ReLU. With PyTorch's
#   default initialisation each convolution + ReLU shrinks the typical size of a vector
#   by about $1/\sqrt{6} \approx 0.41$, so the product of 40 such factors is about
#   $0.41^{40} \approx 10^{-16}$: the gradient shrinks exponentially with depth (and so
#   does the forward signal). The same holds for any factor below 1; above 1 it
#   explodes instead.
# * A residual block computes $y = x + F(x)$, so its Jacobian is
#   $\partial y / \partial x = I + \partial F / \partial x$ (before the final ReLU).
#   The product over the blocks, $\prod_l (I + J_{F_l})$, expands into $I$ plus sums of
#   products of the $J_{F_l}$: the identity term carries the gradient from the output to
#   the stem unchanged, however small each $J_{F_l}$ is. There is a path of length zero
#   (in layers) from the loss back to every block.
# * The plots: the plain network's gradient norm falls along a straight line on the
#   log scale from the linear layer to the stem; the residual network's stays within
#   about one order of magnitude. The ratio of the stem norms grows exponentially with
#   depth (a factor of about 7 per block here), about $10^{17}$ at depth 20; in float32
#   the norm of the plain network's stem gradient underflows to 0 from a depth of about
#   27, and the gradient itself from about 50.
# * Not just "larger gradients": the identity makes each block a *correction* to its
#   input. A block whose $F$ is useless can learn $F \approx 0$ and become the identity,
#   so adding blocks cannot make the network worse at representing what a shallower one
#   could; a plain block would have to learn the identity map through two ReLU
#   convolutions, which is hard. (Gradients can still explode in residual networks:
#   $I + J$ can have norm above 1, which is why they are combined with normalisation and
#   careful initialisation.)
# ### END SOLUTION

# %% [markdown]
# ## Part F: batch normalisation, and four networks trained (12 points)
#
# Nothing to write in this part but the written answer at its end.
#
# ### What batch normalisation changes
#
# The networks above have no normalisation layer, on purpose. Real ResNets put a
# **batch normalisation** after every convolution: it rescales each channel to mean 0
# and variance 1 over the batch, and so undoes the shrinking by 0.41 at every layer.
# The cell below takes your networks of depth 20, inserts a `BatchNorm2d` after each
# convolution of the blocks (as torchvision's ResNet has them: conv, batch norm, ReLU),
# and measures the two stem gradients again, in float64 on the probe batch, at
# initialisation (batch norm in training mode, with the batch's own statistics).

# %%
def with_batch_norm(net: nn.Module) -> nn.Module:
    """A copy of `net` with a BatchNorm2d after every convolution except the first (the stem)."""
    net = copy.deepcopy(net)
    convs = [(parent, name, child) for parent in net.modules() for name, child in parent.named_children()
             if isinstance(child, nn.Conv2d)]
    for parent, name, conv in convs[1:]:
        setattr(parent, name, nn.Sequential(conv, nn.BatchNorm2d(conv.out_channels)))
    return net


x_probe, y_probe = probe_batch
bn_profiles = {}
for residual in (False, True):
    torch.manual_seed(0)
    net = with_batch_norm(make_net(20, residual)).double()
    F.cross_entropy(net(x_probe.double()), y_probe).backward()
    bn_profiles["residual" if residual else "plain"] = list(layer_grad_norms(net).values())
plain_stem, residual_stem = bn_profiles["plain"][0], bn_profiles["residual"][0]
print(f"depth 20 with batch norm: stem gradient norm plain {plain_stem:.3e}, residual {residual_stem:.3e}; "
      f"ratio residual / plain {residual_stem / plain_stem:.3f} "
      f"(without batch norm: {profiles['residual'][0] / profiles['plain'][0]:.1e})")

fig, ax = plt.subplots(figsize=(8, 4))
for name, norms in bn_profiles.items():
    ax.semilogy(range(len(norms)), norms, marker="o", markersize=3, label=f"{name} network with batch norm, depth 20")
ax.set_title("Gradient norm of each weight tensor at initialisation, with batch norm (float64)")
ax.set_xlabel("weight tensor (0 = stem, 41 = linear layer)")
ax.set_ylabel("L2 norm of the gradient (log scale)")
ax.legend()
fig.tight_layout()

# %% [markdown]
# With batch normalisation the effect is gone, even reversed: the plain network's
# gradient no longer vanishes on its way back to the stem; it *grows*, to several hundred
# times its size at the top (deep plain networks with batch norm have exploding rather
# than vanishing gradients at initialisation), while the residual network's changes
# much less from layer to layer. The ratio falls below 1. So is the residual
# connection useless once there is batch norm? No, and this is what the ResNet paper
# (He et al., *Deep Residual Learning for Image Recognition*, 2016) actually reported.
# Its plain networks had batch norm, and their gradients did not vanish; yet a 34-layer
# plain network reached a **higher training error** than an 18-layer one, on the same
# data. Not overfitting (the training error is the one that is worse) and not vanishing
# gradients, but **degradation**: the deeper plain network could in principle copy the
# shallower one and add identity layers, and the optimiser does not find that solution.
# A residual block makes the identity the easy default ($F = 0$), and the 34-layer ResNet
# was better than the 18-layer one. Vanishing gradients at initialisation are one
# symptom that a deep plain network is hard to train; batch norm treats that symptom,
# while the shortcuts make the whole stack easier to optimise.

# %% [markdown]
# ### Training four networks
#
# The cell below trains, from the same seed and on the same batches,
#
# * `SimpleCNN()`, the origin notebook's small network;
# * `make_net(20, residual=False)` and `make_net(20, residual=True)`: 41 convolutions
#   each, the same layers, with and without shortcuts;
# * torchvision's `resnet18(weights=None)` (random weights, 11 million parameters, with
#   batch norm) with its linear layer replaced by a new one for our 5 classes, as the
#   origin notebook did.
#
# Each gets 2 epochs of Adam (learning rate $5 \cdot 10^{-4}$) on batches of 10 of the
# 160 training images, 32 steps in all, a few seconds each on a CPU. At every step the
# cell records the loss, the accuracy on the batch and the norm of the first layer's
# weight gradient (the first entry of `layer_grad_norms`), and after every epoch the
# accuracy on the 50 validation images.

# %%
EPOCHS, BATCH_SIZE, LEARNING_RATE = 2, 10, 5e-4


def fit(model: nn.Module, seed: int = 0) -> dict[str, list[float]]:
    """Train `model` (already on `device`) with Adam; return its history (per step, and per epoch for validation)."""
    loader = DataLoader(TensorDataset(train_x, train_y), batch_size=BATCH_SIZE, shuffle=True,
                        generator=torch.Generator().manual_seed(seed))
    # fused=True: one pass over all the weights per step, several times faster on a CPU for ResNet-18's 11 million
    optimizer = torch.optim.Adam(model.parameters(), lr=LEARNING_RATE, fused=True)
    history = {"loss": [], "batch accuracy": [], "first-layer gradient": [], "validation accuracy": []}
    for epoch in range(EPOCHS):
        model.train()
        for x, y in loader:
            x, y = x.to(device), y.to(device)
            optimizer.zero_grad()
            logits = model(x)
            loss = F.cross_entropy(logits, y)
            loss.backward()
            history["first-layer gradient"].append(next(iter(layer_grad_norms(model).values())))
            optimizer.step()
            history["loss"].append(loss.item())
            history["batch accuracy"].append((logits.argmax(dim=1) == y).float().mean().item())
        model.eval()
        with torch.no_grad():
            predicted = model(val_x.to(device)).argmax(dim=1).cpu()
        history["validation accuracy"].append((predicted == val_y).float().mean().item())
    return history


def resnet18_for_five_classes() -> nn.Module:
    model = resnet18(weights=None)
    model.fc = nn.Linear(model.fc.in_features, 5)
    return model


candidates = {
    "SimpleCNN": SimpleCNN,
    "plain, depth 20": lambda: make_net(20, residual=False),
    "residual, depth 20": lambda: make_net(20, residual=True),
    "ResNet-18": resnet18_for_five_classes,
}
histories, trained = {}, {}
for name, make_model in candidates.items():
    seed_everything(0)
    model = make_model().to(device)
    start = time.perf_counter()
    histories[name] = fit(model, seed=0)
    trained[name] = model
    count = sum(p.numel() for p in model.parameters())
    print(f"{name:<19}{count:>11,} parameters, {time.perf_counter() - start:4.1f} s, final loss "
          f"{np.mean(histories[name]['loss'][-16:]):.3f} (last epoch), validation accuracy per epoch "
          f"{[round(a, 2) for a in histories[name]['validation accuracy']]}")

# %%
def running_mean(values, window=8):
    values = np.asarray(values, dtype=float)
    return np.convolve(values, np.ones(window) / window, mode="valid")


fig, axes = plt.subplots(1, 3, figsize=(15, 4))
for name, history in histories.items():
    steps = np.arange(1, len(history["loss"]) + 1)
    axes[0].plot(steps, history["loss"], label=name)
    axes[1].plot(steps[7:], running_mean(history["batch accuracy"]), label=name)
    axes[2].semilogy(steps, history["first-layer gradient"], label=name)
axes[0].set_title("Training loss")
axes[0].set_ylabel("cross-entropy of the batch")
axes[1].set_title("Training accuracy (mean of the last 8 batches)")
axes[1].set_ylabel("accuracy")
axes[2].set_title("First layer's weight gradient")
axes[2].set_ylabel("L2 norm (log scale)")
for ax in axes:
    ax.set_xlabel("training step")
    ax.legend()
fig.tight_layout()

# %% [markdown]
# The plain network of depth 20 does not learn: its loss stays at $\ln 5 \approx 1.61$,
# the loss of a uniform guess, and its accuracy at chance, 0.2, while its first layer
# gets gradients between $10^{-19}$ and $10^{-17}$. Adam divides each step by the
# gradient's size, but not below its `eps` of $10^{-8}$, so the first layers do not
# move; the layers near the output do get usable gradients, but what reaches them hardly
# depends on the image, because the input's signal shrinks by the same factor of about
# 0.41 per layer on its way up. The residual network with the very same layers learns
# (not smoothly: without normalisation its loss can jump back up for a while), and so do
# the two networks the origin compared.
#
# Below, the gradient norms of ResNet-18 after its last training step, every weight
# tensor labelled with its real name: the per-stage plot of the origin notebook, done
# with `layer_grad_norms`.

# %%
resnet_norms = layer_grad_norms(trained["ResNet-18"])
fig, ax = plt.subplots(figsize=(12, 4))
ax.bar(range(len(resnet_norms)), list(resnet_norms.values()), color="indianred")
ax.set_yscale("log")
ax.set_xticks(range(len(resnet_norms)))
ax.set_xticklabels([name.removesuffix(".weight") for name in resnet_norms], rotation=75, fontsize=8)
ax.set_title("ResNet-18 after training: gradient norm of each weight tensor, input to output")
ax.set_xlabel("weight tensor")
ax.set_ylabel("L2 norm of the gradient (log scale)")
fig.tight_layout()

# %% [markdown]
# **What a longer run would show.** These runs are short so that the notebook runs in
# seconds on a CPU; a GPU makes longer ones cheap. One longer run of this notebook's
# code (seed 0; 500 training and 200 validation images, 10 epochs, 500 steps; five
# minutes on a CPU) only sharpens the picture. SimpleCNN, ResNet-18 and the residual
# network of depth 20 all end up classifying every validation image correctly. The plain
# network of depth 20 is still at chance after 500 steps, its loss at 1.61 and its
# first-layer gradient between $10^{-19}$ and $10^{-15}$. Without normalisation the
# residual network's training is not smooth: its mean loss fell to 0.009 in the third
# epoch, rose to 0.14 over the next two (validation accuracy 0.965 for a while), and then
# fell to 0.000. What these patterns cannot show is the *degradation* of the ResNet paper
# (a deeper plain network with batch norm training worse than a shallower one): five
# colours and shapes on noise are too easy a task. That takes a harder data set, such as
# CIFAR-10, and hours of GPU time.

# %% [markdown] manual id=seed_comparison points=12
# **Written answer (12 points).** The origin notebook trained `SimpleCNN` and ResNet-18
# for five epochs on these patterns, plotted the mean gradient norm over all parameters
# of each, and concluded that the small network's gradients vanish more than
# ResNet-18's, thanks to its skip connections. What could this experiment show, and what
# could it not? Name at least three differences between the two networks other than the
# shortcuts, say why a network of two convolutions cannot show vanishing gradients, and
# say which experiment of this notebook isolates the effect of the shortcuts, and why.
#
# ### BEGIN SOLUTION
# * **What it could show:** that both networks learn this easy task in a few epochs,
#   how their losses and accuracies compare, and how large their gradients are during
#   training; nothing more.
# * **Why two layers cannot show it:** vanishing gradients come from multiplying many
#   layer Jacobians; the gradient of the first layer of `SimpleCNN` passes through only
#   one more convolution (and the linear layer), so there is no long product to shrink.
#   A comparison needs depth.
# * **What else differs** (any three): depth (2 vs 18 weight layers); batch
#   normalisation in ResNet-18 only, which by itself keeps gradients from vanishing (Part
#   F); the number and size of the parameter tensors (15 thousand vs 11 million), which
#   changes a *mean of norms* over tensors for reasons unrelated to vanishing; the
#   architecture of the stem (a strided 7×7 convolution and max-pooling) and of the
#   downsampling; how far each model had already fitted the data (gradients shrink as
#   the loss falls: a model that learned faster has smaller gradients, whatever its
#   depth); one seed, one run. Averaging the norms over all parameters, biases and
#   batch-norm scales included, also mixes quantities of different meaning, and its
#   per-stage bars showed other tensors than their labels said.
# * **The experiment that isolates it:** plain and residual networks of the *same*
#   depth, width, layers, initialisation (the same seed), data and loss, differing only in
#   the shortcuts, measured layer by layer at initialisation (and then trained): the
#   first-layer gradient ratio of Part E, about $10^{17}$ at depth 20, growing
#   exponentially with depth, and the training run in which the plain network stays at
#   chance while the residual one learns. Part F adds the control that batch norm changes
#   the conclusion, so it must be the same in both networks.
# ### END SOLUTION

# %% [markdown]
# ## Before you submit
#
# * *Kernel → Restart Kernel and Run All Cells*: every test cell should run without an
#   error, and the whole notebook in well under a minute.
# * Check that you answered the two written questions (after Part E and at the end).
# * The hidden tests try more than the visible ones: models with frozen, unused and
#   batch-norm layers, gradients on a (simulated) GPU, blocks with every combination of
#   channels and stride, networks of other depths, widths and image sizes, and the ratio
#   at depths where float32 is not enough.
