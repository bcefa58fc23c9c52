"""The grading kernel's guard: what the hidden tests rely on is put back before each test runs.

This file is not imported by the grader: :mod:`autograde.execute` sends its source to
each grading kernel before the notebook's first cell, where it becomes the module
:data:`NAME` (in ``sys.modules``, never in the student's namespace). It imports only the
standard library, so it runs in any kernel, sandboxed or not.

``install(modules)`` takes a snapshot, before any student code has run, of what a test's
verdict rests on: the namespaces of ``builtins`` and of the protected ``modules``
(NumPy, torch, ``course_utils.checks``, ...), their ``sys.modules`` entries, the classes
whose methods decide comparisons (``torch.Tensor``), and IPython's machinery (the shell,
the kernel, the display hooks, the input and AST transformers, the event callbacks, the
custom exception handler), where a patch could hide a failing test's error.

``before(nonce, aliases, names)`` runs before each test cell: it puts every protected
entry back as it was in the snapshot, rebinds the release's import aliases (``np``,
``torch``, ``check_close``) in the namespace, sets aside the student's globals that shadow
a builtin the test uses (``len = ...``), and returns ``nonce``. ``after(nonce)`` runs
after it: it puts back what changed while the test ran (a student's function that
patched a library when called) and the set-aside globals, and returns ``nonce``, after
what changed if anything did. The grader calls both as user expressions (evaluated
without the input and AST transformers a hand-in may have added) and fails a test
closed when the nonce does not come back.

What the guard cannot stop is code written to defeat it (find it with ``gc``, walk
frames, rebuild a patched module): :mod:`autograde.tamper` flags such code for review,
and the sandbox keeps the rest of the machine out of reach.
"""

from __future__ import annotations

import builtins
import importlib
import os
import sys
from typing import Any

NAME = "_autograde_guard"
#: Modules protected with their package (the course's checks and the tests' references).
BASE_MODULES = ("builtins", "math", "operator", "numpy", "numpy.testing", "numpy.linalg",
                "torch", "torch.nn", "torch.nn.functional", "torch.testing", "torch.autograd",
                "course_utils", "course_utils.checks")
#: Builtins the kernel itself rebinds for every cell (``input()`` is forwarded to the front
#: end; IPython's builtin trap adds ``exit``, ``quit`` and ``get_ipython`` while a cell runs).
_VOLATILE_BUILTINS = ("input", "raw_input", "exit", "quit", "get_ipython")
#: Packages whose event callbacks may appear after the snapshot.
_TRUSTED_CALLBACKS = {"matplotlib", "matplotlib_inline", "IPython", "ipykernel"}
#: What ``after`` returns before what changed while a test ran.
CHANGED = "autograde-guard-changed:"

_MISSING = object()
_modules: dict[str, Any] = {}        # name -> module object at install
_spaces: list[tuple[Any, dict[str, Any], bool]] = []  # (owner, its entries at install, is a class)
_lists: list[tuple[Any, str, Any]] = []  # (owner, attribute, a copy of its list/dict/tuple at install)
_attrs: list[tuple[Any, str, Any]] = []  # (owner, attribute, value at install)
_set_aside: dict[str, Any] = {}
_LIBRARIES: tuple[str, ...] = ()  # folders of the installed packages and the standard library


def _shell() -> Any:
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - a grading kernel is an IPython kernel
        return None
    return get_ipython()


def _mro(obj: Any) -> list[type]:
    return [k for k in type(obj).__mro__ if k is not object]


def install(modules: list[str]) -> None:
    """Take the snapshot (see the module docstring) of ``modules`` (imported if they can be)
    and of the :data:`BASE_MODULES` of their packages (``torch.nn.functional`` for ``torch``)."""
    global _LIBRARIES
    _LIBRARIES = _library_folders()
    packages = {name.split(".")[0] for name in modules} | {"builtins", "math", "operator"}
    for name in (*BASE_MODULES, *modules):
        if name.split(".")[0] not in packages and name not in sys.modules:
            continue
        try:
            _modules[name] = importlib.import_module(name)
        except Exception:  # noqa: BLE001 -- not installed, or fails to import: nothing to protect
            continue
    for module in _modules.values():
        entries = dict(vars(module))
        if module is builtins:
            for name in _VOLATILE_BUILTINS:
                entries.pop(name, None)
        _spaces.append((module, entries, False))
    classes: list[Any] = []
    if "torch" in _modules:
        torch = _modules["torch"]
        classes += [torch.Tensor, torch.nn.Module, torch.nn.Parameter, torch.Size]
    shell = _shell()
    helpers = [sys.stdout, sys.stderr]
    if shell is not None:
        helpers += [shell, getattr(shell, "kernel", None), getattr(shell, "displayhook", None),
                    getattr(shell, "display_pub", None), getattr(shell, "display_formatter", None),
                    getattr(shell, "InteractiveTB", None), getattr(shell, "compile", None),
                    getattr(shell, "input_transformer_manager", None), getattr(shell, "events", None)]
        kernel = getattr(shell, "kernel", None)
        helpers += [getattr(kernel, "session", None), getattr(kernel, "iopub_socket", None)]
        for attr in ("input_transformers_cleanup", "input_transformers_post", "ast_transformers",
                     "custom_exceptions"):
            _lists.append((shell, attr, _copy(getattr(shell, attr, None))))
        for attr in ("cleanup_transforms", "line_transforms", "token_transformers"):
            _lists.append((shell.input_transformer_manager, attr,
                           _copy(getattr(shell.input_transformer_manager, attr, None))))
        _lists.append((shell.events, "callbacks", {k: list(v) for k, v in shell.events.callbacks.items()}))
        _attrs.append((shell, "CustomTB", vars(shell).get("CustomTB", _MISSING)))
    for helper in helpers:
        if helper is None:
            continue
        _spaces.append((helper, {k: v for k, v in vars(helper).items() if callable(v)}, False))
        classes += _mro(helper)
    for klass in dict.fromkeys(classes):
        _spaces.append((klass, dict(vars(klass)), True))
    # (sys.displayhook and sys.excepthook are IPython's only while a cell runs, and unused)
    for attr in ("stdout", "stderr", "modules"):
        _attrs.append((sys, attr, getattr(sys, attr)))


def _behaviour(value: Any) -> bool:
    """Whether a class attribute is a method (not a cache a library keeps on its class)."""
    return callable(value) or isinstance(value, (classmethod, staticmethod, property))


def _copy(value: Any) -> Any:
    return list(value) if isinstance(value, list) else value


def _differences() -> list[tuple[str, Any]]:
    """What differs from the snapshot: ``(description, undo)`` pairs."""
    found: list[tuple[str, Any]] = []
    for name, module in _modules.items():
        if sys.modules.get(name) is not module:
            found.append((f"sys.modules[{name!r}]", (sys.modules.__setitem__, name, module)))
    for owner, entries, is_class in _spaces:
        label = getattr(owner, "__name__", type(owner).__name__)
        current = vars(owner)
        for key, value in entries.items():
            now = current.get(key, _MISSING)
            if now is value:
                continue
            if _library_wrapper(now, value):  # torch._dynamo wraps torch.manual_seed on first use
                entries[key] = now
                continue
            found.append((f"{label}.{key}", (setattr, owner, key, value)))
        if is_class:
            for key in set(current) - set(entries):
                if _behaviour(current[key]):
                    found.append((f"{label}.{key} (added)", (delattr, owner, key)))
        elif not isinstance(owner, type(sys)):  # an instance: methods overridden on it
            for key in set(current) - set(entries):
                if callable(getattr(type(owner), key, None)):
                    found.append((f"{label}.{key} (added)", (delattr, owner, key)))
    for owner, attr, saved in _lists:
        current = getattr(owner, attr, None)
        if isinstance(saved, dict):  # event callbacks: the library's own may be added (matplotlib's)
            kept = {k: [f for f in v if f in saved.get(k, ()) or _trusted(f)] for k, v in current.items()}
            if any(len(kept[k]) != len(v) for k, v in current.items()) or any(
                    f not in current.get(k, ()) for k, v in saved.items() for f in v):
                restored = {k: [*saved.get(k, ()), *(f for f in kept.get(k, ()) if f not in saved.get(k, ()))]
                            for k in {*saved, *current}}
                found.append((f"{type(owner).__name__}.{attr}", (_put_dict, current, restored)))
        elif current != saved or (isinstance(saved, list) and current is not None
                                   and any(a is not b for a, b in zip(current, saved))):
            found.append((f"{type(owner).__name__}.{attr}", (_put_list, owner, attr, saved)))
    for owner, attr, saved in _attrs:
        current = vars(owner).get(attr, _MISSING) if owner is not sys else getattr(sys, attr)
        if current is not saved:
            undo = (delattr, owner, attr) if saved is _MISSING else (setattr, owner, attr, saved)
            found.append((f"{getattr(owner, '__name__', type(owner).__name__)}.{attr}", undo))
    return found


def _trusted(callback: Any) -> bool:
    """Whether an event callback comes from a library the kernel runs (matplotlib's inline
    backend registers one on first use), not from the student's code."""
    function = getattr(callback, "__func__", callback)
    return (getattr(function, "__module__", None) or "").split(".")[0] in _TRUSTED_CALLBACKS


def _library_folders() -> tuple[str, ...]:
    """The standard library's and the installed packages' folders (as
    ``course_utils.checks`` finds them; written again, since this module imports only the
    standard library)."""
    import site
    import sysconfig

    paths = sysconfig.get_paths()
    folders = {paths["stdlib"], paths["platstdlib"], paths["purelib"], paths["platlib"], *site.getsitepackages()}
    return tuple(os.path.join(os.path.realpath(f), "") for f in folders)


def _library_wrapper(new: Any, old: Any) -> bool:
    """Whether ``new`` is a wrapper of ``old`` (``__wrapped__``) written in an installed
    library, as libraries make when first used; a wrapper from the notebook is not."""
    target, depth = new, 0
    while depth < 8 and target is not old:
        target, depth = getattr(target, "__wrapped__", None), depth + 1
        if target is None:
            return False
    code = getattr(getattr(new, "__func__", new), "__code__", None)
    return target is old and code is not None and os.path.realpath(code.co_filename).startswith(_LIBRARIES)


def _put_dict(current: dict, saved: dict) -> None:
    current.clear()
    current.update({k: list(v) for k, v in saved.items()})


def _put_list(owner: Any, attr: str, saved: Any) -> None:
    current = getattr(owner, attr, None)
    if isinstance(saved, list) and isinstance(current, list):
        current[:] = saved
    else:
        setattr(owner, attr, _copy(saved))


def _restore() -> list[str]:
    """Undo every difference; return their descriptions."""
    names = []
    for description, (undo, *args) in _differences():
        try:
            undo(*args)
        except (AttributeError, TypeError):  # an immutable type: nobody could change it
            continue
        names.append(description)
    return names


def _namespace() -> dict[str, Any]:
    shell = _shell()
    return shell.user_ns if shell is not None else vars(sys.modules["__main__"])


def _resolve(module: str, attr: str | None) -> Any:
    target = _modules.get(module) or importlib.import_module(module)
    if attr is None:
        return target
    return vars(target).get(attr, _MISSING) if isinstance(target, type(sys)) else _MISSING


def before(nonce: str, aliases: dict[str, tuple[str, str | None]], names: list[str]) -> str:
    """Put everything back before a test cell (see the module docstring); returns ``nonce``."""
    _restore()
    ns = _namespace()
    ns["__builtins__"] = builtins
    for alias, (module, attr) in aliases.items():
        try:
            value = _resolve(module, attr)
        except Exception:  # noqa: BLE001 -- a module the kernel cannot import: the test fails anyway
            continue
        if value is not _MISSING:
            ns[alias] = value
    _set_aside.clear()
    for name in names:
        if name in ns and hasattr(builtins, name) and ns[name] is not getattr(builtins, name):
            _set_aside[name] = ns.pop(name)
    return nonce


def after(nonce: str) -> str:
    """Put back what changed while the test ran and the set-aside globals; returns ``nonce``,
    after :data:`CHANGED` and what changed if anything did."""
    changed = _restore()
    ns = _namespace()
    for name, value in _set_aside.items():
        ns.setdefault(name, value)
    _set_aside.clear()
    return f"{CHANGED} {', '.join(sorted(changed))} {nonce}" if changed else nonce
