"""How grading kernels run a hand-in: nbgrader's ``Execute``, made to survive a kernel death.

nbgrader's ``Execute`` preprocessor stops at the first ``DeadKernelError``, and its
converter then deletes the autograded notebook and reports the whole submission as
failed: every point the earlier answers earned is lost (jupyter/nbgrader#1033). A
student's ``os._exit``, a segfault in a C extension or the kernel being killed for
memory in the last answer would cost a whole assignment.

:class:`ContainedExecute` replaces ``Execute`` in ``Autograde.autograde_preprocessors``
(see :func:`autograde_preprocessors`). When the kernel dies in a cell, it

1. records a ``DeadKernelError`` output in that cell (its test scores 0, as any error does),
2. starts a fresh kernel and re-runs, without keeping their output, the earlier code
   cells other than test cells (imports, set-up and the student's answers), so that
3. the cells after it run as they would have: later answers keep their points.

A notebook whose kernel dies :data:`MAX_KERNEL_DEATHS` times is given up: the rest of
its cells get an error output saying they were not run, and are scored 0.

It also runs the kernel guard (:mod:`autograde.guard`, :mod:`autograde.kernel_guard`):
a snapshot of the libraries, builtins and IPython machinery is taken before the first
cell; before each test cell everything protected is put back and the release's imports
rebound, and a test during which something protected changed, or whose guard did not
answer, gets a :data:`~autograde.guard.GUARD_ERROR` output and scores 0. So patching
NumPy, torch, ``course_utils.checks``, builtins or IPython from an answer cell earns
nothing (issue 13, item 2).

:data:`HARMLESS_WARNING` is the pattern of nbgrader's ``IgnorePattern`` preprocessor:
Python's ``warnings`` module writes ``file:line: SomeWarning: message`` to stderr, and
nbgrader scores any test cell that writes to stderr 0, so a correct answer that warns
would lose its points.
"""

from __future__ import annotations

import queue
import time
from pathlib import Path
from typing import Any

from nbclient.exceptions import DeadKernelError
from nbclient.util import run_sync
from nbformat.notebooknode import NotebookNode
from nbgrader.preprocessors import Execute
from traitlets import Integer

from . import guard
from .notebooks import is_test_cell
from .worker import kernel_threads

__all__ = ["ContainedExecute", "HARMLESS_WARNING", "KERNEL_DIED", "NOT_RUN", "MAX_KERNEL_DEATHS",
           "QUIET_KERNEL_ARGS", "autograde_preprocessors", "execute_plainly"]

#: A warning as Python's ``warnings.showwarning`` prints it: ``path:12: UserWarning: text``
#: (the category is any name ending in ``Warning``; the next line is the source line).
HARMLESS_WARNING = r"(?m)^\S.*:\d+: [A-Za-z_.]*Warning: "

#: Arguments of every kernel the course starts: only errors are logged, so the start-up
#: warning ("Kernel is running over TCP without encryption") never lands in a cell's
#: stderr, which nbgrader scores 0.
QUIET_KERNEL_ARGS = ["--IPKernelApp.log_level=ERROR"]

#: ``ename`` of the error output put in a cell whose kernel died.
KERNEL_DIED = "DeadKernelError"
#: ``ename`` of the error output put in cells left unrun after too many deaths.
NOT_RUN = "NotRunError"
#: Seconds the kernel guard may take to answer before a test counts as untrustworthy.
GUARD_TIMEOUT = 30
#: Seconds the guard's installation may take at least, whatever the cells' timeout: it
#: imports the release's modules (torch, OpenCV, SciPy), which on a busy machine with a
#: cold disk cache took over 20 s (a course copy with a 20 s cell timeout then failed a
#: whole hand-in). The notebook's first cell then finds them imported.
GUARD_INSTALL_TIMEOUT = 180
#: Kernel deaths after which a notebook's remaining cells are not run.
MAX_KERNEL_DEATHS = 3


def _error_output(ename: str, evalue: str) -> NotebookNode:
    """An ``error`` output as a kernel would send it."""
    return NotebookNode(output_type="error", ename=ename, evalue=evalue,
                        traceback=[f"\x1b[0;31m{ename}\x1b[0m: {evalue}"])


def _has_error(cell: NotebookNode, *names: str) -> bool:
    """Whether an output of ``cell`` is an error named one of ``names``."""
    return any(o.get("output_type") == "error" and o.get("ename") in names for o in cell.get("outputs", []))


def _guard_problem(output: NotebookNode, cell_timeout: int | None) -> str:
    """What an error or stderr output of the guard's installation says, in a line."""
    if output.get("output_type") != "error":
        return " ".join(str(output.get("text", "")).split())[:300]
    text = f"{output.get('ename')}: {output.get('evalue')}".rstrip(": ")
    if output.get("ename") == "KeyboardInterrupt":
        limit = max(cell_timeout or 0, GUARD_INSTALL_TIMEOUT)
        text += (f" (interrupted after {limit} s: importing the release's modules took longer; "
                 "raise autograde.execute.GUARD_INSTALL_TIMEOUT on a machine this slow)")
    return text


class ContainedExecute(Execute):
    """nbgrader's ``Execute``, which restarts a dead kernel and goes on (see the module docstring)."""

    # After a cell's reply, nbclient waits this long for the rest of its output (its idle
    # status), and nbgrader then raises: a whole hand-in failed, in CI, on a machine so
    # busy that the output came over 4 s (nbclient's default) after the reply. A cell
    # whose output is all there does not wait; one whose output is lost must not pass.
    iopub_timeout = Integer(60, help="Seconds to wait for a cell's output after its reply").tag(config=True)

    def preprocess(self, nb: NotebookNode, resources: Any = None, km: Any = None):
        self._deaths = 0
        self._guarded = False
        self._imports = guard.release_imports(nb)
        self._protected = guard.protected_modules(nb)
        return super().preprocess(nb, resources, km)

    def _hidden_cell(self, code: str, index: int) -> list:
        """Run ``code`` in the kernel as a cell that is not part of the notebook; its outputs."""
        cell = NotebookNode(cell_type="code", source=code, metadata={}, outputs=[], execution_count=None)
        kept = self.nb.cells[index]
        try:
            self.execute_cell(cell, index, store_history=False)
        finally:
            self.nb.cells[index] = kept  # nbclient puts the cell it ran at ``index``
        return cell.outputs

    def _install_guard(self, index: int) -> None:
        self._guarded = True
        cell_timeout = self.timeout
        if cell_timeout is not None and cell_timeout > 0:
            self.timeout = max(cell_timeout, GUARD_INSTALL_TIMEOUT)
        try:
            outputs = self._hidden_cell(guard.install_code(self._protected), index)
        finally:
            self.timeout = cell_timeout
        problems = [o for o in outputs if o.get("output_type") == "error" or o.get("name") == "stderr"]
        if problems:  # the notebook's first cell has not run yet: the grader's fault, not the student's
            raise RuntimeError(f"the kernel guard could not start: {_guard_problem(problems[0], self.timeout)}")

    def _evaluate(self, expression: str) -> str:
        """``expression``'s value (its ``text/plain``) as a user expression of an empty, silent
        execute request, or what went wrong. Input and AST transformers and the cell events a
        hand-in may have added do not touch it."""
        msg_id = self.kc.execute("", silent=True, store_history=False, user_expressions={"guard": expression})
        deadline = time.monotonic() + GUARD_TIMEOUT
        while (remaining := deadline - time.monotonic()) > 0:
            try:
                reply = run_sync(self.kc.get_shell_msg)(timeout=remaining)
            except queue.Empty:
                break
            if reply.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            content = reply["content"]
            result = content.get("user_expressions", {}).get("guard", content)
            if result.get("status") != "ok":
                return f"{result.get('ename')}: {result.get('evalue')}"
            return str(result.get("data", {}).get("text/plain", ""))
        return f"no answer in {GUARD_TIMEOUT} s"

    def _run_test(self, cell: NotebookNode, resources: Any, index: int):
        """Run test cell ``cell`` between the guard's before and after calls."""
        token = guard.nonce()
        problem = guard.verdict(token, self._evaluate(guard.before_code(token, self._imports, cell.source)), "before")
        result = super().preprocess_cell(cell, resources, index)
        token = guard.nonce()
        problem = problem or guard.verdict(token, self._evaluate(guard.after_code(token)), "after")
        if problem:
            self.log.warning("test cell %d: %s", index, problem)
            cell.outputs.append(_error_output(guard.GUARD_ERROR, problem))
        return result

    def preprocess_cell(self, cell: NotebookNode, resources: Any, index: int):
        if cell.cell_type != "code":
            return super().preprocess_cell(cell, resources, index)
        if self._deaths >= MAX_KERNEL_DEATHS:
            cell.outputs = [_error_output(NOT_RUN, f"not run: the kernel died {self._deaths} times "
                                                   "in earlier cells of this notebook")]
            return cell, self.resources
        try:
            if not self._guarded:
                self._install_guard(index)
            if is_test_cell(cell):
                return self._run_test(cell, resources, index)
            return super().preprocess_cell(cell, resources, index)
        except DeadKernelError:
            self._deaths += 1
            cell.outputs.append(_error_output(
                KERNEL_DIED, "the kernel died while running this cell (os._exit, a crash in compiled "
                             "code, or too much memory); the cells after it ran in a fresh kernel"))
            self.log.warning("kernel died in cell %d of the notebook; restarting it", index)
            if self._deaths < MAX_KERNEL_DEATHS:
                self._restart_and_replay(index)
            return cell, self.resources

    def _new_kernel(self) -> None:
        """Replace the (dead) kernel and its client with fresh ones."""
        try:
            self._cleanup_kernel()  # the dead kernel's client and leftover resources
        except Exception:  # noqa: BLE001 -- a dead kernel may refuse a clean shutdown
            self.log.debug("cleaning up the dead kernel failed", exc_info=True)
        self.km = self.create_kernel_manager()
        self.kc = None
        self.start_new_kernel()
        self.start_new_kernel_client()
        self._guarded = False

    def _restart_and_replay(self, upto: int) -> None:
        """Start a new kernel and re-run code cells ``0..upto-1`` (test cells, cells whose
        kernel died and cells that timed out excepted), discarding their outputs."""
        self._new_kernel()
        self._install_guard(upto)
        for index, earlier in enumerate(self.nb.cells[:upto]):
            if (earlier.cell_type != "code" or is_test_cell(earlier)
                    or _has_error(earlier, KERNEL_DIED, NOT_RUN, "CellTimeoutError")):
                continue
            try:
                self._hidden_cell(earlier.source, index)
            except DeadKernelError:  # a cell that dies only when re-run: count it, go on
                self._deaths += 1
                if self._deaths >= MAX_KERNEL_DEATHS:
                    return
                self._new_kernel()
                self._install_guard(index)


def autograde_preprocessors() -> list[type]:
    """nbgrader's ``Autograde.autograde_preprocessors`` with ``Execute`` replaced by
    :class:`ContainedExecute` (the order and the other preprocessors unchanged)."""
    from nbgrader.converters import Autograde

    default = Autograde.class_traits()["autograde_preprocessors"].default()
    return [ContainedExecute if pp is Execute else pp for pp in default]


def execute_plainly(nb: NotebookNode, folder: Path | str, timeout: int) -> NotebookNode:
    """Run ``nb`` in place with nbclient alone, as nbgrader's executor runs it: a fresh quiet
    kernel started in ``folder``, every cell at most ``timeout`` seconds (then interrupted:
    a ``KeyboardInterrupt`` error in its outputs, and the run goes on), errors recorded in the
    outputs, one CPU thread per kernel. Returns ``nb``; raises nbclient's
    ``DeadKernelError`` when the kernel dies (the cells after it are left unrun)."""
    from nbclient import NotebookClient

    with kernel_threads():
        NotebookClient(nb, timeout=timeout, kernel_name="python3", allow_errors=True, interrupt_on_timeout=True,
                       extra_arguments=QUIET_KERNEL_ARGS, resources={"metadata": {"path": str(folder)}}).execute()
    return nb
