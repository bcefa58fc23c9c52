"""A static scan of a hand-in for code that could talk a test out of its verdict.

nbgrader runs a student's cells and the hidden tests in one kernel, so code in an
answer cell can change what the tests see: patch ``np.allclose`` or a
``course_utils.checks`` function, rebind ``isinstance``, put a fake module in
``sys.modules``, register an IPython input transformer that blanks the test cells,
install a custom exception handler that swallows their errors, return objects whose
``__eq__`` is always true, read the hidden tests or the gradebook from the instructor's
folder, or behave differently when ``NBGRADER_EXECUTION`` is set.

:func:`scan_notebook` reads (never runs) every cell a student can change: answer
cells and cells the student added; locked cells are put back from the release by
nbgrader, so the instructor's own code is not scanned. Each :class:`Finding` names
the cell, the line and the :data:`KINDS` entry; the grading report lists them under
the ``tampering`` flag for a person to review. A finding is a reason to look, not a
verdict: the scan cannot see code that is built at run time, and a rare honest
answer may match a pattern (``torch.backends`` settings are allowed).
"""

from __future__ import annotations

import ast
import builtins
from dataclasses import dataclass
from typing import Iterable

from nbformat import NotebookNode

from .notebooks import nbgrader_meta, parse_cell

__all__ = ["Finding", "KINDS", "scan_code", "scan_notebook", "student_cells"]

#: What each kind of finding means (the report's notes quote it).
KINDS = {
    "patches_library": "assigns to an attribute of an imported module or of builtins "
                       "(np.allclose = ..., checks.check_close = ...)",
    "shadows_name": "rebinds a builtin or an imported module's name that the tests use "
                    "(isinstance = ..., np = ...)",
    "edits_sys_modules": "changes sys.modules (a fake module in place of a real one)",
    "ipython_hooks": "changes how IPython runs the cells after it (input or AST "
                     "transformers, event callbacks, run_cell)",
    "exception_handler": "installs a custom exception handler or replaces the traceback "
                         "display (a failing test's error could vanish)",
    "overrides_comparison": "defines __eq__, __bool__, an ordering or NumPy/torch dispatch on a "
                            "class (an object that claims to match any expected value)",
    "reads_outside": "names a path outside the assignment folder (absolute, '..', the "
                     "gradebook, source/ or other students' folders)",
    "checks_grading": "looks for NBGRADER_EXECUTION or nbgrader itself (behaves differently "
                      "when graded)",
    "runs_commands": "runs shell commands or subprocesses",
    "runs_built_code": "runs code built at run time (exec, eval, compile, __import__), which "
                       "this scan cannot read",
    "inspects_frames": "reads the caller's frames or the interpreter's objects (sys._getframe, "
                       "inspect.currentframe, f_back, gc.get_referrers): a test's expected values, "
                       "or the grader's own state",
}

#: Attribute paths an honest answer may set (settings, not behaviour the tests rely on).
_ALLOWED_PREFIXES = ("torch.backends.",)
#: Methods that let an object answer any comparison or any NumPy/torch function.
_COMPARISON_METHODS = {"__eq__", "__ne__", "__bool__", "__lt__", "__le__", "__gt__", "__ge__",
                       "__array_ufunc__", "__array_function__", "__torch_function__", "__instancecheck__"}
#: IPython attributes that change how later cells run (any use is flagged).
_IPYTHON_HOOKS = {"input_transformers_cleanup", "input_transformers_post", "input_transformer_manager",
                  "ast_transformers", "register_magic_function"}
#: Attributes that, when assigned, change how later cells run.
_RUNNERS = {"run_cell", "run_cell_async", "run_code", "run_ast_nodes", "ast_node_interactivity"}
#: Ways to reach the frames of the test that called an answer, or any live object.
_INTROSPECTION = {"_getframe", "currentframe", "stack", "getouterframes", "f_back", "f_globals", "f_locals",
                  "tb_frame", "gi_frame", "cr_frame", "get_referrers", "get_referents", "get_objects",
                  "_autograde_guard"}
#: Exception display hooks (any use is flagged).
_EXCEPTION_HOOKS = {"set_custom_exc", "showtraceback", "_showtraceback", "CustomTB", "excepthook",
                    "showsyntaxerror", "InteractiveTB"}
_BUILT_CODE = {"exec", "eval", "compile", "__import__", "importlib.import_module"}
_COMMANDS = {("os", "system"), ("os", "popen"), ("os", "execv"), ("os", "execvp"), ("os", "spawnv"),
             ("get_ipython", "system"), ("get_ipython", "getoutput")}
_COMMAND_MODULES = {"subprocess", "pty", "pexpect", "sh"}
_COURSE_FILES = ("gradebook", "nbgrader_config", "source/", "submitted/", "autograded/", "feedback/", "release/")
#: Builtins the tests rely on for their verdicts; rebinding one at top level is flagged
#: (``input`` or ``filter`` as a variable is common and harmless, so not every builtin).
_GUARDED_BUILTINS = frozenset({
    "isinstance", "issubclass", "type", "len", "abs", "all", "any", "bool", "int", "float", "complex", "str",
    "repr", "round", "min", "max", "sum", "sorted", "range", "zip", "enumerate", "tuple", "list", "dict", "set",
    "hasattr", "getattr", "callable", "print", "id", "object", "super", "vars", "globals", "AssertionError",
    "Exception", "BaseException", "TypeError", "ValueError", "NotImplementedError"})
assert _GUARDED_BUILTINS <= set(dir(builtins))


@dataclass(frozen=True)
class Finding:
    """One suspicious line: where it is, which :data:`KINDS` entry, and the line itself."""

    cell: str
    line: int
    kind: str
    code: str

    def describe(self) -> str:
        """``square, line 3: np.allclose = ... (assigns to an attribute of ...)``."""
        return f"{self.cell}, line {self.line}: {self.code.strip()[:80]} ({self.kind}: {KINDS[self.kind]})"


def _dotted(node: ast.AST) -> str | None:
    """``np.linalg.norm`` for that attribute chain (``get_ipython()`` counts as a name)."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        node = node.func
    if not isinstance(node, ast.Name):
        return None
    return ".".join([node.id, *reversed(parts)])


def module_names(trees: Iterable[ast.Module]) -> set[str]:
    """Names bound by ``import`` statements in ``trees`` (``np`` for ``import numpy as np``,
    ``checks`` for ``from course_utils import checks``), and ``builtins``."""
    names = {"builtins", "__builtins__"}
    for tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                for alias in node.names:
                    names.add((alias.asname or alias.name).split(".")[0])
    return names


def _outside_path(text: str) -> bool:
    """Whether the string ``text`` looks like a path out of the assignment folder: absolute,
    home, a parent folder, or a file of the instructor's course (text with spaces is prose)."""
    if not text or any(ch.isspace() for ch in text):
        return False
    if text.startswith(("/", "~")) and text not in ("/", "//") and not text.startswith("//"):
        return True
    if text == ".." or text.startswith("../") or "/../" in text or text.endswith("/.."):
        return True
    return any(word in text for word in _COURSE_FILES)


class _Scanner(ast.NodeVisitor):
    def __init__(self, cell: str, lines: list[str], modules: set[str], protected: set[str]) -> None:
        self.cell, self.lines, self.modules, self.protected = cell, lines, modules, protected
        self.found: list[Finding] = []
        self.depth = 0  # > 0 inside a function or class body

    def add(self, node: ast.AST, kind: str) -> None:
        line = getattr(node, "lineno", 1)
        text = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        finding = Finding(self.cell, line, kind, text)
        if finding not in self.found:
            self.found.append(finding)

    # -- assignments: module attributes, sys.modules, rebinding protected names
    def _target(self, target: ast.AST, node: ast.AST) -> None:
        if isinstance(target, (ast.Tuple, ast.List)):
            for element in target.elts:
                self._target(element, node)
            return
        if isinstance(target, ast.Starred):
            self._target(target.value, node)
            return
        if isinstance(target, ast.Attribute):
            path = _dotted(target) or ""
            root = path.split(".")[0]
            if target.attr in _RUNNERS:
                self.add(node, "ipython_hooks")
            elif root in self.modules and not path.startswith(_ALLOWED_PREFIXES):
                self.add(node, "patches_library")
        elif isinstance(target, ast.Subscript):
            base = _dotted(target.value) or ""
            if base in ("sys.modules", "__builtins__", "vars") or base.endswith(".__dict__"):
                self.add(node, "edits_sys_modules" if base == "sys.modules" else "patches_library")
        elif isinstance(target, ast.Name) and self.depth == 0 and target.id in self.protected:
            self.add(node, "shadows_name")

    def visit_Assign(self, node: ast.Assign) -> None:
        for target in node.targets:
            self._target(target, node)
        self.generic_visit(node)

    def visit_AugAssign(self, node: ast.AugAssign) -> None:
        self._target(node.target, node)
        self.generic_visit(node)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        self._target(node.target, node)
        self.generic_visit(node)

    def visit_Delete(self, node: ast.Delete) -> None:
        for target in node.targets:
            self._target(target, node)
        self.generic_visit(node)

    def _definition(self, node: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) -> None:
        if self.depth == 0 and node.name in self.protected:
            self.add(node, "shadows_name")
        if isinstance(node, ast.ClassDef):
            methods = {item.name for item in node.body if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef))}
            assigned = {t.id for item in node.body if isinstance(item, ast.Assign)
                        for t in item.targets if isinstance(t, ast.Name)}
            if (methods | assigned) & _COMPARISON_METHODS:
                self.add(node, "overrides_comparison")
        self.depth += 1
        self.generic_visit(node)
        self.depth -= 1

    visit_FunctionDef = visit_AsyncFunctionDef = visit_ClassDef = _definition

    # -- calls: setattr on modules, sys.modules methods, IPython hooks, commands, paths
    def visit_Call(self, node: ast.Call) -> None:
        func = _dotted(node.func) or ""
        head, _, last = func.rpartition(".")
        args = node.args
        if func in ("setattr", "delattr") and args:
            root = (_dotted(args[0]) or "").split(".")[0]
            if root in self.modules:
                self.add(node, "patches_library")
        if head == "sys.modules" and last in ("update", "pop", "setdefault", "__setitem__", "__delitem__",
                                              "clear", "popitem"):
            self.add(node, "edits_sys_modules")
        if last == "register" and head.endswith("events"):
            self.add(node, "ipython_hooks")
        if func in _BUILT_CODE:
            self.add(node, "runs_built_code")
        if func in ("os.chdir", "chdir"):
            self.add(node, "reads_outside")
        if (head.split(".")[0], last) in _COMMANDS or head.split(".")[0] in _COMMAND_MODULES:
            self.add(node, "runs_commands")
        if last in ("run_line_magic", "run_cell_magic") and args and isinstance(args[0], ast.Constant) \
                and args[0].value in ("system", "sx", "bash", "sh", "script", "writefile", "load", "run"):
            self.add(node, "runs_commands")
        self.generic_visit(node)

    def visit_Attribute(self, node: ast.Attribute) -> None:
        if node.attr in _INTROSPECTION and (node.attr.startswith(("f_", "tb_", "gi_", "cr_", "_"))
                                            or (_dotted(node.value) or "") in ("sys", "inspect", "gc")):
            self.add(node, "inspects_frames")
        if node.attr in _IPYTHON_HOOKS:
            self.add(node, "ipython_hooks")
        elif node.attr in _EXCEPTION_HOOKS:
            self.add(node, "exception_handler")
        self.generic_visit(node)

    def visit_Import(self, node: ast.Import) -> None:
        roots = {alias.name.split(".")[0] for alias in node.names}
        if roots & _COMMAND_MODULES:
            self.add(node, "runs_commands")
        if "nbgrader" in roots:
            self.add(node, "checks_grading")

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        if (node.module or "").split(".")[0] in _COMMAND_MODULES:
            self.add(node, "runs_commands")
        if (node.module or "").split(".")[0] == "nbgrader":
            self.add(node, "checks_grading")

    def visit_Constant(self, node: ast.Constant) -> None:
        if isinstance(node.value, str):
            text = node.value
            if "NBGRADER" in text.upper():
                self.add(node, "checks_grading")
            elif text in _INTROSPECTION and text.startswith(("f_", "tb_", "_", "get_")):  # getattr(sys, "_getframe")
                self.add(node, "inspects_frames")
            elif text in _COMPARISON_METHODS:
                self.add(node, "overrides_comparison")
            elif _outside_path(text):
                self.add(node, "reads_outside")


def scan_code(code: str, cell: str = "cell", modules: set[str] | None = None,
              protected: set[str] | None = None) -> list[Finding]:
    """Findings in one cell's ``code``. ``modules``: names bound to modules (default:
    those ``code`` imports, and ``builtins``); ``protected``: names whose rebinding is
    flagged (default: the builtins and ``modules``)."""
    tree = parse_cell(code)
    if tree is None:
        return []
    modules = module_names([tree]) if modules is None else modules
    protected = (_GUARDED_BUILTINS | modules) if protected is None else protected
    scanner = _Scanner(cell, code.splitlines(), modules, protected - {"builtins", "__builtins__"})
    scanner.visit(tree)
    return scanner.found


def student_cells(nb: NotebookNode) -> list[tuple[str, NotebookNode]]:
    """``(label, cell)`` for each code cell a student can change: answer cells (by grade
    id) and unmarked cells (``cell 7``); not locked cells, which nbgrader puts back."""
    cells = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        meta = nbgrader_meta(cell)
        if meta.get("solution"):
            cells.append((meta.get("grade_id") or f"cell {index + 1}", cell))
        elif not meta.get("locked") and not meta.get("grade"):
            cells.append((f"cell {index + 1}", cell))
    return cells


def scan_notebook(nb: NotebookNode, release: NotebookNode | None = None) -> list[Finding]:
    """Findings in the cells of hand-in ``nb`` a student can change. Names imported
    anywhere in the notebook count as modules; with ``release``, cells whose source is
    exactly a release cell's (code the student was given and left alone) are skipped."""
    given = {cell.source for cell in release.cells if cell.cell_type == "code"} if release is not None else set()
    trees = [t for t in (parse_cell(c.source) for c in nb.cells if c.cell_type == "code") if t is not None]
    modules = module_names(trees)
    protected = (_GUARDED_BUILTINS | modules) - {"builtins", "__builtins__"}
    found: list[Finding] = []
    for label, cell in student_cells(nb):
        if cell.source in given:
            continue
        found.extend(scan_code(cell.source, label, modules, protected))
    return found
