"""The grader's side of the kernel guard (:mod:`autograde.kernel_guard`): the code it sends.

:class:`autograde.execute.ContainedExecute` runs, in the grading kernel,

* :func:`install_code` before the notebook's first cell (and after each kernel restart),
  as a cell of its own whose output never lands in the notebook;
* :func:`before_code` before each test cell and :func:`after_code` after it, each as a
  user expression of an empty execute request (so no input or AST transformer and no
  cell hook of the hand-in's can rewrite them).

:func:`verdict` reads what they return: a test whose guard did not answer with its
nonce, or during which something protected changed, fails with a :data:`GUARD_ERROR`.
"""

from __future__ import annotations

import ast
import builtins
import secrets
from pathlib import Path
from typing import Iterator

from nbformat import NotebookNode

from . import kernel_guard
from .notebooks import nbgrader_meta, parse_cell

__all__ = ["GUARD_ERROR", "after_code", "before_code", "builtins_used", "install_code", "nonce",
           "protected_modules", "release_imports", "verdict"]

#: ``ename`` of the error put in a test cell whose environment was tampered with.
GUARD_ERROR = "GradingEnvironmentError"
#: Packages whose modules, when a release cell imports them, are protected too.
PROTECTED_PACKAGES = {"numpy", "torch", "torchvision", "course_utils", "math", "operator", "numbers", "copy",
                      "itertools", "functools", "scipy", "cv2", "sklearn", "time", "collections", "types",
                      "fractions"}
_GUARD = f"__import__('sys').modules[{kernel_guard.NAME!r}]"

Imports = dict[str, tuple[str, "str | None"]]


def _instructor_cells(nb: NotebookNode) -> list[NotebookNode]:
    """The code cells nbgrader puts back from the release: locked cells and test cells."""
    return [cell for cell in nb.cells if cell.cell_type == "code" and not nbgrader_meta(cell).get("solution")
            and (nbgrader_meta(cell).get("locked") or nbgrader_meta(cell).get("grade"))]


def _namespace_level(tree: ast.AST) -> Iterator[ast.AST]:
    """The nodes of ``tree`` outside function and class bodies: where an ``import`` binds a
    name in the notebook's namespace, not in a function's."""
    for node in ast.iter_child_nodes(tree):
        yield node
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            yield from _namespace_level(node)


def release_imports(nb: NotebookNode) -> Imports:
    """``{name: (module, attribute or None)}`` for every name an ``import`` in a locked
    cell of ``nb`` binds in the namespace (nbgrader puts locked cells back from the
    release, so these are the instructor's): ``np: ("numpy", None)``,
    ``check_close: ("course_utils", "check_close")``; not a name imported inside a test's
    helper function, which is that function's own."""
    names: Imports = {}
    for cell in _instructor_cells(nb):
        tree = parse_cell(cell.source)
        if tree is None:
            continue
        for node in _namespace_level(tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.asname:
                        names[alias.asname] = (alias.name, None)
                    else:
                        root = alias.name.split(".")[0]
                        names[root] = (root, None)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                for alias in node.names:
                    if alias.name != "*":
                        names[alias.asname or alias.name] = (node.module, alias.name)
    return names


def protected_modules(nb: NotebookNode) -> list[str]:
    """The modules that locked and test cells of ``nb`` import (``scipy.signal`` for
    ``import scipy.signal``) whose package the guard protects (:data:`PROTECTED_PACKAGES`)."""
    modules = set()
    for cell in _instructor_cells(nb):
        for node in ast.walk(parse_cell(cell.source) or ast.Module(body=[], type_ignores=[])):
            if isinstance(node, ast.Import):
                modules.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                modules.add(node.module)
    return sorted(m for m in modules if m.split(".")[0] in PROTECTED_PACKAGES)


def builtins_used(source: str) -> list[str]:
    """Names of builtins that cell ``source`` reads (``len``, ``isinstance``, ``range``)."""
    tree = parse_cell(source)
    if tree is None:
        return []
    return sorted({node.id for node in ast.walk(tree)
                   if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load) and hasattr(builtins, node.id)})


def nonce() -> str:
    """A fresh token for one guard call (student code cannot guess it ahead)."""
    return "autograde-guard-" + secrets.token_hex(12)


def install_code(modules: list[str]) -> str:
    """The cell that makes :mod:`autograde.kernel_guard` a module and takes its snapshot."""
    source = Path(kernel_guard.__file__).read_text(encoding="utf-8")
    return (f"def _autograde_install(source={source!r}):\n"
            "    import sys, types\n"
            f"    module = types.ModuleType({kernel_guard.NAME!r})\n"
            "    exec(compile(source, module.__name__, 'exec'), module.__dict__)\n"
            "    sys.modules[module.__name__] = module\n"
            f"    module.install({modules!r})\n"
            "_autograde_install()\n"
            "del _autograde_install\n")


def before_code(token: str, imports: Imports, test_source: str) -> str:
    """The expression evaluated before a test cell (see :func:`autograde.kernel_guard.before`)."""
    return f"{_GUARD}.before({token!r}, {imports!r}, {builtins_used(test_source)!r})"


def after_code(token: str) -> str:
    """The expression evaluated after a test cell (see :func:`autograde.kernel_guard.after`)."""
    return f"{_GUARD}.after({token!r})"


def verdict(token: str, answer: str, when: str) -> str | None:
    """None when the guard's ``answer`` holds ``token`` and says nothing changed; else why
    the test cannot be trusted (``when`` is "before" or "after" the test)."""
    if kernel_guard.CHANGED in answer and token in answer:
        changed = answer.split(kernel_guard.CHANGED, 1)[1].replace(token, "").strip(" '\"")
        return (f"the hand-in's code changed {changed} while this test ran; the test cannot be "
                "trusted and scores 0 (it was put back for the tests after it)")
    if token in answer:
        return None
    return (f"the grader could not check the environment {when} this test ({answer[:200]}); something "
            "in the hand-in interferes with how cells run (an IPython hook, a patched module), so the "
            "test scores 0")
