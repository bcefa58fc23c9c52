"""Read and rewrite nbgrader notebooks with nbformat alone (nothing is executed).

The functions here find the cells nbgrader cares about (graded cells, answer cells),
splice new code into answer cells, and derive the submission a perfect student would
hand in from an instructor's source notebook. They never modify their input.
"""

from __future__ import annotations

import ast
import copy
import functools
import threading
from pathlib import Path
from typing import Mapping

from nbformat import NotebookNode

__all__ = [
    "nbgrader_meta",
    "parse_cell",
    "graded_cells",
    "answer_cell_for",
    "splice",
    "reference_submission",
    "functions_in",
    "top_level_names",
]

#: Lines holding these markers are dropped from the reference submission (nbgrader
#: matches a delimiter anywhere in the line, so do we).
SOLUTION_MARKERS = ("BEGIN SOLUTION", "END SOLUTION")
#: Regions between these markers (inclusive) are dropped from the reference submission.
HIDDEN_REGIONS = (("BEGIN HIDDEN TESTS", "END HIDDEN TESTS"), ("BEGIN MARK SCHEME", "END MARK SCHEME"))


#: ``ast.parse`` in CPython 3.11 is not safe in threads: parses in two threads at once can
#: fail with "SystemError: AST constructor recursion depth mismatch" (seen in the demo,
#: which grades its assignments in threads; python/cpython#106905). Every parse here
#: takes this lock.
_PARSE_LOCK = threading.Lock()


def parse_python(code: str) -> ast.Module:
    """``ast.parse(code)``, safe beside other threads (see :data:`_PARSE_LOCK`)."""
    with _PARSE_LOCK:
        return ast.parse(code)


@functools.lru_cache(maxsize=4096)  # a class's hand-ins share most cells; the trees are only read
@functools.lru_cache(maxsize=1024)
def parse_cell(source: str) -> ast.Module | None:
    """The cell as Python (IPython's ``%magic`` and ``!cmd`` made calls), or None if it
    does not parse (such a cell fails when run, and changes nothing).

    Kept per source text: the kernel guard and the tamper scan read the same cells of
    every hand-in. The trees are shared, so callers only read them."""
    from IPython.core.inputtransformer2 import TransformerManager

    try:
        return parse_python(TransformerManager().transform_cell(source))
    except (SyntaxError, ValueError):
        return None


def nbgrader_meta(cell: NotebookNode) -> dict:
    """The cell's ``metadata.nbgrader`` dictionary ({} for a plain cell)."""
    return cell.get("metadata", {}).get("nbgrader", {}) or {}


def is_test_cell(cell: NotebookNode) -> bool:
    """An autograder test cell: graded, without a solution (nbgrader's task cells are not graded)."""
    meta = nbgrader_meta(cell)
    return bool(meta.get("grade")) and not meta.get("solution")


def graded_cells(nb: NotebookNode) -> list[NotebookNode]:
    """The cells nbgrader gives points for (``grade: true``, and ``task: true``), in notebook order."""
    return [cell for cell in nb.cells if nbgrader_meta(cell).get("grade") or nbgrader_meta(cell).get("task")]


def top_level_names(code: str) -> list[str]:
    """Names of the top-level ``def`` and ``class`` statements in ``code``.

    Code that does not parse (a half-written answer, IPython magics) defines nothing.
    """
    try:
        tree = parse_python(code)
    except SyntaxError:
        return []
    kinds = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
    return [node.name for node in tree.body if isinstance(node, kinds)]


def answer_cell_for(nb: NotebookNode, name: str) -> NotebookNode:
    """The nbgrader solution code cell that defines top-level ``def name(`` or ``class name``.

    Raises ``KeyError`` naming the answer cells that do exist when none defines ``name``.
    """
    answers = [c for c in nb.cells if c.cell_type == "code" and nbgrader_meta(c).get("solution")]
    for cell in answers:
        if name in top_level_names(cell.source):
            return cell
    defined = sorted({n for c in answers for n in top_level_names(c.source)})
    raise KeyError(f"no answer cell defines {name!r}; answer cells define: {', '.join(defined) or 'nothing'}")


def _definition_span(code: str, name: str) -> tuple[int, int]:
    """First and last line (1-based) of top-level ``name`` in ``code``: decorators
    included, and the indented comment lines that trail its body (``### END SOLUTION``)."""
    lines = code.splitlines()
    for node in parse_python(code).body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.name == name:
            first = min([node.lineno] + [d.lineno for d in node.decorator_list])
            last = node.end_lineno or node.lineno
            scan = last
            while scan < len(lines) and (not lines[scan].strip() or lines[scan][:1] in " \t"):
                scan += 1
                if lines[scan - 1].strip():
                    last = scan
            return first, last
    raise KeyError(name)


def splice(nb: NotebookNode, code_by_name: Mapping[str, str]) -> NotebookNode:
    """A copy of ``nb`` in which the definition of each name in its answer cell is
    replaced by the given code.

    Only the ``def``/``class`` statement is swapped; the rest of the answer cell
    (imports, other helpers) stays, so a spliced function sees what the student's
    cell would have given it. ``nb`` itself is left unchanged.
    """
    out = copy.deepcopy(nb)
    for name, code in code_by_name.items():
        cell = answer_cell_for(out, name)
        first, last = _definition_span(cell.source, name)
        lines = cell.source.splitlines(keepends=True)
        replacement = code.strip("\n") + "\n"
        tail = "".join(lines[last:])
        cell.source = ("".join(lines[: first - 1]) + replacement + tail).rstrip("\n")
    return out


def _drop_markers(source: str) -> str:
    """``source`` without solution marker lines and hidden-test regions."""
    kept: list[str] = []
    hidden_end: str | None = None
    for line in source.splitlines(keepends=True):
        if hidden_end is not None:
            if hidden_end in line:
                hidden_end = None
            continue
        begin = next((end for start, end in HIDDEN_REGIONS if start in line), None)
        if begin is not None:
            hidden_end = begin
            continue
        if any(marker in line for marker in SOLUTION_MARKERS):
            continue
        kept.append(line)
    return "".join(kept).rstrip("\n")


def reference_submission(source_nb: NotebookNode) -> NotebookNode:
    """What a perfect student hands in: the source notebook with solution marker lines
    and hidden-test blocks removed, and all outputs and execution counts cleared."""
    out = copy.deepcopy(source_nb)
    for cell in out.cells:
        cell.source = _drop_markers(cell.source)
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    return out


def functions_in(path: str | Path) -> dict[str, str]:
    """``{name: source}`` of each top-level ``def`` and ``class`` in the .py file at ``path``
    (decorators included, module docstring and imports left out)."""
    text = Path(path).read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    found: dict[str, str] = {}
    for name in top_level_names(text):
        first, last = _definition_span(text, name)
        found[name] = "".join(lines[first - 1 : last]).rstrip("\n") + "\n"
    return found
