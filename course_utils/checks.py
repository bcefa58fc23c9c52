"""Student-facing assertions: every failure says what was called, what was
expected and what came back.

These are used by the visible and the hidden tests of every notebook, and
students may call them in their own experiments::

    check_shape(got, (4, 2), what="corr2d(X (5, 4), K (2, 3))")
    check_close(got, expected, what="corr2d(X (5, 4), K (2, 3))")

``forbid`` proves that an answer does not lean on a library function, the way
nbgrader's documentation deletes a helper to prove an answer calls it.
"""

from __future__ import annotations

import builtins
import contextlib
import functools
import importlib
import os
import sys
from collections.abc import Iterable, Iterator, MutableMapping
from typing import Any

import numpy as np

__all__ = [
    "LIBRARY_CONVOLUTIONS",
    "ForbiddenCallError",
    "check_close",
    "check_dtype",
    "check_plain",
    "check_returns",
    "check_shape",
    "check_type",
    "forbid",
    "rel_error",
    "to_numpy",
]

#: Dotted names of the library functions that compute a convolution or a
#: correlation for you. ``forbid(*LIBRARY_CONVOLUTIONS)`` blocks all of them.
LIBRARY_CONVOLUTIONS: tuple[str, ...] = (
    "torch.conv1d",
    "torch.conv2d",
    "torch.conv3d",
    "torch.convolution",
    "torch.conv_transpose2d",
    "torch.nn.functional.conv1d",
    "torch.nn.functional.conv2d",
    "torch.nn.functional.conv3d",
    "torch.nn.functional.conv_transpose2d",
    "numpy.convolve",
    "numpy.correlate",
    "scipy.signal.convolve",
    "scipy.signal.convolve2d",
    "scipy.signal.correlate",
    "scipy.signal.correlate2d",
    "scipy.signal.fftconvolve",
    "scipy.signal.oaconvolve",
    "scipy.ndimage.convolve",
    "scipy.ndimage.correlate",
    "scipy.ndimage.convolve1d",
    "scipy.ndimage.correlate1d",
    "cv2.filter2D",
    "cv2.sepFilter2D",
    "cv2.matchTemplate",
)

_MAX_LISTED = 36  # arrays up to this many elements are printed in full


class ForbiddenCallError(AssertionError):
    """Raised when an answer calls a function that an exercise rules out."""


def to_numpy(value: Any) -> np.ndarray:
    """Turn a NumPy array, torch tensor (any device, with grad or not), list or number into an array."""
    if hasattr(value, "detach") and hasattr(value, "cpu"):
        value = value.detach().cpu()
        if value.dtype.is_floating_point:  # float16 and bfloat16 have no NumPy twin
            value = value.double()
        return value.numpy()
    return np.asarray(value)


#: Methods by which an object decides how it compares, converts to a number or an array,
#: or takes part in NumPy and torch: a class defined in the notebook may not define them.
VALUE_METHODS = frozenset({
    "__eq__", "__ne__", "__lt__", "__le__", "__gt__", "__ge__", "__hash__", "__bool__", "__len__",
    "__int__", "__index__", "__float__", "__complex__", "__abs__", "__round__", "__trunc__", "__floor__",
    "__ceil__", "__iter__", "__getitem__", "__contains__", "__getattr__", "__getattribute__", "__class__",
    "__add__", "__radd__", "__sub__", "__rsub__", "__mul__", "__rmul__", "__truediv__", "__rtruediv__",
    "__array__", "__array_ufunc__", "__array_function__", "__array_interface__", "__array_priority__",
    "__torch_function__", "__torch_dispatch__"})


@functools.lru_cache(maxsize=1)
def _library_folders() -> tuple[str, ...]:
    """The installed packages' and the standard library's folders, and this package's."""
    import site
    import sysconfig

    paths = sysconfig.get_paths()
    folders = {paths["stdlib"], paths["platstdlib"], paths["purelib"], paths["platlib"], *site.getsitepackages(),
               os.path.dirname(os.path.abspath(__file__))}
    return tuple(os.path.join(os.path.realpath(f), "") for f in folders)


def _library_file(path: str | None) -> bool:
    """Whether ``path`` is a file of an installed package (not one written beside the notebook)."""
    return bool(path) and os.path.realpath(path).startswith(_library_folders())


_HEAP_TYPE = 1 << 9  # Py_TPFLAGS_HEAPTYPE: classes made at run time, by a ``class`` statement among them


def _installed(klass: type) -> bool:
    """Whether ``klass`` is what an installed module (not the notebook) names as its
    ``__module__`` and ``__qualname__`` say: a class that claims to be ``numpy.Y`` is not."""
    if not klass.__flags__ & _HEAP_TYPE:  # a static type, compiled in (NoneType, dict_keys)
        return True
    module = sys.modules.get(klass.__module__ or "")
    if module is None or not (module is builtins or _library_file(getattr(module, "__file__", None))):
        return False
    found: Any = module
    for part in klass.__qualname__.split("."):
        found = getattr(found, part, None)
    return found is klass


def _foreign_methods(kind: type) -> list[str]:
    """The :data:`VALUE_METHODS` that classes of ``kind``'s MRO (and its metaclass) define
    where they are not an installed module's own."""
    return sorted({name for klass in (*kind.__mro__, *type(kind).__mro__) if not _installed(klass)
                   for name in vars(klass) if name in VALUE_METHODS | {"__instancecheck__", "__subclasscheck__"}})


def check_plain(got: Any, *, what: str = "result") -> None:
    """Fail unless ``got`` and, for a tuple, list or dict, every item in it compares and
    converts as Python, NumPy and PyTorch values do: no class defined in the notebook
    redefines ``__eq__``, ``__int__``, ``__array__``, ... (:data:`VALUE_METHODS`). Such an
    object could claim to equal anything, so the checks refuse it before comparing.
    A named tuple or a subclass that adds only fields or methods of its own is fine."""
    pending, seen, verdicts = [got], 0, {}
    while pending and seen < 10_000:
        value = pending.pop()
        seen += 1
        kind = type(value)
        if kind not in verdicts:
            verdicts[kind] = _foreign_methods(kind)
        foreign = verdicts[kind]
        if foreign:
            raise AssertionError(
                f"{what}: returned an object of the class {kind.__qualname__}, which redefines "
                f"{', '.join(foreign)}; return plain values: int, float, tuple, list, a NumPy array "
                "or a torch tensor")
        if isinstance(value, (tuple, list)):
            pending.extend(value)
        elif isinstance(value, dict):
            pending.extend(value.keys())
            pending.extend(value.values())


def _describe(value: Any) -> str:
    if value is None:
        return "None (did the function forget to `return`?)"
    shape = getattr(value, "shape", None)
    kind = type(value).__module__.split(".")[0] + "." + type(value).__name__
    return f"{kind} of shape {tuple(shape)}" if shape is not None else kind


def _shape_of(value: Any, what: str) -> tuple[int, ...]:
    if value is None:
        raise AssertionError(f"{what}: returned None (did the function forget to `return`?)")
    if isinstance(value, (tuple, list)) and all(isinstance(v, (int, np.integer)) for v in value):
        return tuple(int(v) for v in value)  # already a shape, such as torch.Size
    shape = getattr(value, "shape", None)
    if shape is None:
        shape = np.shape(value)
    return tuple(int(s) for s in shape)


def check_shape(got: Any, expected: Iterable[int], *, what: str = "result") -> None:
    """Fail unless ``got`` (an array, a tensor or a shape) has the ``expected`` shape."""
    expected = tuple(int(s) for s in expected)
    shape = _shape_of(got, what)
    if shape != expected:
        raise AssertionError(f"{what}: got shape {shape}, expected {expected}")


def check_type(got: Any, expected: type | tuple[type, ...], *, what: str = "result") -> None:
    """Fail unless ``got`` is an instance of ``expected`` (say ``torch.Tensor`` or ``np.ndarray``)."""
    if isinstance(got, expected):
        return
    names = " or ".join(
        f"{t.__module__.split('.')[0]}.{t.__name__}" for t in (expected if isinstance(expected, tuple) else (expected,))
    )
    raise AssertionError(f"{what}: returned {_describe(got)}, expected a {names}")


def check_dtype(got: Any, kind: str = "floating", *, what: str = "result") -> None:
    """Fail unless the values of ``got`` are of ``kind``: ``"floating"``, ``"integer"`` or ``"bool"``."""
    if kind not in ("floating", "integer", "bool"):
        raise ValueError(f"kind must be 'floating', 'integer' or 'bool', not {kind!r}")
    if got is None:
        raise AssertionError(f"{what}: returned None (did the function forget to `return`?)")
    dtype = getattr(got, "dtype", None)
    if dtype is None:
        dtype = np.asarray(got).dtype
    if hasattr(dtype, "is_floating_point"):  # a torch dtype
        found = (
            "floating"
            if dtype.is_floating_point
            else "bool"
            if str(dtype) == "torch.bool"
            else str(dtype)
            if dtype.is_complex
            else "integer"
        )
    else:
        np_dtype = np.dtype(dtype)
        found = (
            "floating"
            if np.issubdtype(np_dtype, np.floating)
            else "bool"
            if np_dtype == np.bool_
            else "integer"
            if np.issubdtype(np_dtype, np.integer)
            else str(np_dtype)
        )
    if found != kind:
        raise AssertionError(f"{what}: got dtype {dtype} ({found}), expected {kind} values")


def _describe_call(fn: Any, args: tuple, kwargs: dict) -> str:
    parts = [repr(a) for a in args] + [f"{k}={v!r}" for k, v in kwargs.items()]
    return f"{getattr(fn, '__name__', 'function')}({', '.join(parts)})"


def check_returns(expected: Any, fn: Any, *args: Any, **kwargs: Any) -> None:
    """Fail unless ``fn(*args, **kwargs)`` returns ``expected``, of the same kind: an int
    (not a bool) for an int, a tuple of ints for a tuple. When ``expected`` is an exception
    class (``ValueError``), the call must raise it, with a message.

    The message names the call with its arguments: ``conv_output_size(5, 3, stride=2): got 3, expected 2``.
    """
    call = _describe_call(fn, args, kwargs)
    must_raise = isinstance(expected, type) and issubclass(expected, BaseException)
    wanted = f"to raise {expected.__name__}" if must_raise else repr(expected)
    try:
        got = fn(*args, **kwargs)
    except Exception as error:
        if must_raise and isinstance(error, expected):
            if not str(error).strip():
                raise AssertionError(f"{call}: raised {expected.__name__} without a message; say what is wrong") from None
            return
        raise AssertionError(f"{call}: raised {type(error).__name__} ({error}), expected {wanted}") from error
    if must_raise:
        raise AssertionError(f"{call}: returned {got!r}, expected it {wanted}")
    check_plain(got, what=call)
    is_int = lambda v: isinstance(v, (int, np.integer)) and not isinstance(v, (bool, np.bool_))  # noqa: E731
    if isinstance(expected, tuple):
        kind, ok = "tuple", isinstance(got, tuple) and len(got) == len(expected) and all(is_int(v) for v in got)
    elif is_int(expected):
        kind, ok = "int", is_int(got)
    else:
        kind, ok = type(expected).__name__, True
    if not ok:
        raise AssertionError(f"{call}: returned {got!r} ({type(got).__name__}), expected the {kind} {expected!r}")
    if got != expected:
        raise AssertionError(f"{call}: got {got!r}, expected {expected!r}")


def rel_error(x: Any, y: Any) -> float:
    """CS231n's relative error: max |x - y| / max(1e-8, |x| + |y|), elementwise."""
    x, y = to_numpy(x).astype(np.float64), to_numpy(y).astype(np.float64)
    return float(np.max(np.abs(x - y) / np.maximum(1e-8, np.abs(x) + np.abs(y))))


def check_close(
    got: Any,
    expected: Any,
    *,
    what: str = "result",
    atol: float = 1e-6,
    rtol: float = 1e-5,
) -> None:
    """Fail unless ``got`` has ``expected``'s shape and values, to ``atol + rtol * |expected|``.

    The message names ``what``, the largest difference and where it is, and for
    small arrays prints both in full.
    """
    if got is None:
        raise AssertionError(f"{what}: returned None (did the function forget to `return`?)")
    check_plain(got, what=what)
    try:
        got_np = to_numpy(got).astype(np.float64)
    except (TypeError, ValueError) as error:
        raise AssertionError(f"{what}: expected numbers, got {_describe(got)} ({error})") from None
    exp_np = to_numpy(expected).astype(np.float64)
    check_shape(got_np, exp_np.shape, what=what)
    bad = ~np.isclose(got_np, exp_np, rtol=rtol, atol=atol, equal_nan=False)
    if not bad.any():
        return
    diff = np.abs(got_np - exp_np)
    diff = np.where(np.isnan(diff), np.inf, diff)
    worst = np.unravel_index(int(np.argmax(np.where(bad, diff, -1))), exp_np.shape) if exp_np.ndim else ()
    lines = [
        f"{what}: {int(bad.sum())} of {bad.size} values differ "
        f"(tolerance atol={atol:g}, rtol={rtol:g}).",
        f"Largest difference {float(diff[worst]):.6g} at index {tuple(int(i) for i in worst)}: "
        f"expected {exp_np[worst]:.6g}, got {got_np[worst]:.6g}.",
    ]
    if exp_np.size <= _MAX_LISTED:
        with np.printoptions(precision=4, suppress=True):
            lines += [f"Expected:\n{exp_np}", f"Got:\n{got_np}"]
    raise AssertionError("\n".join(lines))


def _resolve(dotted: str) -> tuple[Any, str] | None:
    """Return (owner object, attribute) for a dotted name, or None when it cannot be imported."""
    parts = dotted.split(".")
    for split in range(len(parts) - 1, 0, -1):
        try:
            owner: Any = importlib.import_module(".".join(parts[:split]))
        except ImportError:
            continue
        try:
            for attr in parts[split:-1]:
                owner = getattr(owner, attr)
        except AttributeError:
            return None
        return (owner, parts[-1]) if hasattr(owner, parts[-1]) else None
    return None


def _blocker(dotted: str, reason: str):
    def blocked(*args: Any, **kwargs: Any) -> None:
        raise ForbiddenCallError(f"{dotted} is not allowed here: {reason}")

    return blocked


@contextlib.contextmanager
def forbid(
    *names: str,
    namespace: MutableMapping[str, Any] | None = None,
    torch_ops: Iterable[str] = (),
    reason: str = "this exercise asks you to compute it yourself.",
) -> Iterator[None]:
    """Make the named library functions raise ``ForbiddenCallError`` inside the block.

    Args:
        names: dotted names such as ``"torch.nn.functional.conv2d"``; names whose
            module is not installed are skipped.
        namespace: a dict of globals (a notebook's ``globals()``) in which any
            name bound to one of those functions, e.g. after
            ``from scipy.signal import convolve2d``, is blocked too.
        torch_ops: substrings of ATen operator names (``"conv"``) to block at
            PyTorch's dispatcher, which catches every route to them
            (``nn.Conv2d``, ``torch.ops.aten...``, aliases).
        reason: the end of the error message.
    """
    patched: list[tuple[Any, str, Any]] = []
    originals: dict[int, str] = {}
    for dotted in names:
        found = _resolve(dotted)
        if found is None:
            continue
        owner, attr = found
        original = getattr(owner, attr)
        originals[id(original)] = dotted
        patched.append((owner, attr, original))
    if namespace is not None:
        for key, value in list(namespace.items()):
            if id(value) in originals:
                patched.append((namespace, key, value))
    try:
        for owner, attr, original in patched:
            blocker = _blocker(originals[id(original)], reason)
            if isinstance(owner, MutableMapping):
                owner[attr] = blocker
            else:
                setattr(owner, attr, blocker)
        with _block_torch_ops(tuple(torch_ops), reason):
            yield
    finally:
        for owner, attr, original in reversed(patched):
            if isinstance(owner, MutableMapping):
                owner[attr] = original
            else:
                setattr(owner, attr, original)


@contextlib.contextmanager
def _block_torch_ops(substrings: tuple[str, ...], reason: str) -> Iterator[None]:
    if not substrings:
        yield
        return
    from torch.utils._python_dispatch import TorchDispatchMode

    class _Blocker(TorchDispatchMode):
        def __torch_dispatch__(self, func, types, args=(), kwargs=None):
            name = func.name()
            if any(s in name for s in substrings):
                raise ForbiddenCallError(f"PyTorch operator {name} is not allowed here: {reason}")
            return func(*args, **(kwargs or {}))

    with _Blocker():
        yield
