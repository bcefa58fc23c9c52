"""``python -m autograde check NOTEBOOK``: where a student stands, with no instructor.

The notebook runs as the grader would run it: in a fresh kernel started in the
notebook's folder, top to bottom, every cell at most ``timeout`` seconds, one CPU
thread, errors recorded rather than stopping the run. Only the tests in the notebook
run, which in a student's notebook are the visible ones: hidden tests never ship to
students, so a check that passes here can still fail when graded. Nothing is written:
the notebook on disk is not changed.

Each test cell gets a :class:`CheckResult`: ``passed``, ``failed`` (with the check's
own message), or ``not attempted`` (the answer it tests, or one that answer uses,
still raises the release's ``NotImplementedError``); each manually graded written
answer is ``answered`` or ``unanswered`` (the release's placeholder is still in it).
Test cells are grouped under the answer cell before them.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbformat import NotebookNode

from .course import CourseError
from nbclient.exceptions import DeadKernelError

from .execute import HARMLESS_WARNING, execute_plainly
from .notebooks import is_test_cell, nbgrader_meta

__all__ = ["CheckResult", "check_notebook", "format_check", "PLACEHOLDER"]

#: What a written answer holds in a release notebook until the student writes it
#: (the start of ``ClearSolutions.text_stub`` in nbgrader_config.py and nbgrader's default).
PLACEHOLDER = "YOUR ANSWER HERE"
#: Seconds a cell may run (the course's grading timeout).
DEFAULT_TIMEOUT = 120


@dataclass
class CheckResult:
    """One test cell or written answer: what it is, what it is worth, how it did."""

    grade_id: str
    exercise: str  # the answer cell it belongs to ('' for a written answer)
    points: float
    status: str  # passed, failed, not attempted, answered, unanswered
    message: str = ""
    description: str = ""

    @property
    def ok(self) -> bool:
        """Whether this needs nothing more from the student (a written answer counts once written)."""
        return self.status in ("passed", "answered")


def _error(cell: NotebookNode) -> tuple[str, str] | None:
    """``(ename, evalue)`` of the cell's error output, if any."""
    for out in cell.get("outputs", []):
        if out.get("output_type") == "error":
            return out.get("ename", ""), out.get("evalue", "")
    return None


def _stderr(cell: NotebookNode) -> str:
    """What the cell wrote to stderr, as the grader scores it: Python warnings are dropped
    first (nbgrader's ``IgnorePattern`` with :data:`~autograde.execute.HARMLESS_WARNING`)."""
    text = "".join(o.get("text", "") for o in cell.get("outputs", [])
                   if o.get("output_type") == "stream" and o.get("name") == "stderr")
    return "" if re.search(HARMLESS_WARNING, text) else text


def _description(cell: NotebookNode) -> str:
    """The first line of a test cell's docstring (what it checks)."""
    source = cell.source.lstrip()
    if source.startswith(('"""', "'''")):
        return source[3:].split("\n", 1)[0].strip().rstrip('"\'').strip()
    return ""


def _results(nb: NotebookNode, died: bool = False) -> list[CheckResult]:
    """The results of an executed notebook (``died``: its kernel died before the end)."""
    results, exercise, stub, interrupted = [], "", False, False
    for cell in nb.cells:
        meta = nbgrader_meta(cell)
        if meta.get("solution") and cell.cell_type == "code":
            exercise = meta.get("grade_id", "")
            raised = (_error(cell) or ("",))[0]
            stub = raised == "NotImplementedError"  # the stub raises when run
            interrupted = raised == "KeyboardInterrupt"  # ran past the timeout
        elif meta.get("solution") and meta.get("grade"):  # a written answer
            text = cell.source.strip()
            status = "unanswered" if not text or PLACEHOLDER in text else "answered"
            results.append(CheckResult(meta["grade_id"], "", float(meta.get("points", 0)), status,
                                       description="written answer: graded by a person"))
        elif is_test_cell(cell) and cell.cell_type == "code":
            error, stderr = _error(cell), _stderr(cell)
            if died and cell.get("execution_count") is None and not cell.get("outputs"):
                status, message = "failed", ("not run: the kernel died in an earlier cell (os._exit, a crash in "
                                             "compiled code, or too much memory); fix that cell and check again")
            elif error and (stub or "NotImplementedError" in f"{error[0]} {error[1]}"):
                status, message = "not attempted", ("NotImplementedError: this answer, or one it uses, "
                                                    "is not written yet")
            elif error and (interrupted or error[0] == "KeyboardInterrupt"):
                status, message = "failed", ("interrupted: the answer or its check ran longer than the timeout "
                                             "(an endless loop?)")
            elif error:
                status, message = "failed", f"{error[0]}: {error[1]}".strip().rstrip(":")
            elif stderr:
                status, message = "failed", f"wrote to stderr (graded as a failure): {stderr.strip()[:200]}"
            else:
                status, message = "passed", ""
            results.append(CheckResult(meta["grade_id"], exercise, float(meta.get("points", 0)), status,
                                       message, _description(cell)))
    return results


def check_notebook(path: Path | str, timeout: int = DEFAULT_TIMEOUT) -> tuple[list[CheckResult], float]:
    """Run the notebook at ``path`` as the grader would; return its results and the seconds it took."""
    path = Path(path)
    if not path.is_file():
        raise CourseError(f"{path} does not exist: give the path of your .ipynb file")
    try:
        nb = nbformat.read(path, as_version=4)
    except Exception as exc:  # noqa: BLE001 -- any unreadable file gets the same advice
        raise CourseError(f"{path} is not a notebook nbformat can read ({type(exc).__name__}: {exc}); "
                          "open it in JupyterLab and save it again, or restore it from release/") from None
    if not any(is_test_cell(c) for c in nb.cells):
        raise CourseError(f"{path} has no nbgrader test cells: is it one of the course's notebooks?")
    for cell in nb.cells:  # the student's saved outputs say nothing about this run
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    start = time.perf_counter()
    try:
        execute_plainly(nb, path.parent.resolve(), timeout)
        died = False
    except DeadKernelError:
        died = True
    return _results(nb, died), time.perf_counter() - start


def format_check(name: str, results: list[CheckResult], seconds: float) -> str:
    """The table ``check`` prints, and a summary line."""
    rows = [(r.exercise or "(written)", r.grade_id, f"{r.points:g}", r.status, r.message or r.description)
            for r in results]
    header = ("answer", "check", "points", "result", "message")
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(4)]
    lines = [f"{name}: ran in {seconds:.0f} s"]
    for row in [header, tuple("-" * w for w in widths) + ("-------",), *rows]:
        message = row[4].strip().split("\n", 1)[0]  # the first line: the check's own summary
        lines.append("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row[:4])) + "  " + message[:100])
    tests = [r for r in results if r.exercise]
    passed = sum(r.status == "passed" for r in tests)
    points = sum(r.points for r in tests if r.status == "passed")
    written = [r for r in results if not r.exercise]
    lines.append(f"{passed} of {len(tests)} checks pass ({points:g} of {sum(r.points for r in tests):g} "
                 f"autograded points on the visible tests; the hidden tests run only when graded)"
                 + (f"; {sum(r.ok for r in written)} of {len(written)} written answers written" if written else ""))
    return "\n".join(lines)
