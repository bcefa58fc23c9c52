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

:data:`HARMLESS_WARNING` is the pattern of nbgrader's ``IgnorePattern`` preprocessor:
Python's ``warnings`` module writes ``file:line: SomeWarning: message`` to stderr, and
nbgrader scores any test cell that writes to stderr 0, so a correct answer that warns
would lose its points.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from nbclient.exceptions import DeadKernelError
from nbformat.notebooknode import NotebookNode
from nbgrader.preprocessors import Execute

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
#: Kernel deaths after which a notebook's remaining cells are not run.
MAX_KERNEL_DEATHS = 3


def _error_output(ename: str, evalue: str) -> NotebookNode:
    """An ``error`` output as a kernel would send it."""
    return NotebookNode(output_type="error", ename=ename, evalue=evalue,
                        traceback=[f"\x1b[0;31m{ename}\x1b[0m: {evalue}"])


def _has_error(cell: NotebookNode, *names: str) -> bool:
    """Whether an output of ``cell`` is an error named one of ``names``."""
    return any(o.get("output_type") == "error" and o.get("ename") in names for o in cell.get("outputs", []))


class ContainedExecute(Execute):
    """nbgrader's ``Execute``, which restarts a dead kernel and goes on (see the module docstring)."""

    def preprocess(self, nb: NotebookNode, resources: Any = None, km: Any = None):
        self._deaths = 0
        return super().preprocess(nb, resources, km)

    def preprocess_cell(self, cell: NotebookNode, resources: Any, index: int):
        if cell.cell_type != "code":
            return super().preprocess_cell(cell, resources, index)
        if self._deaths >= MAX_KERNEL_DEATHS:
            cell.outputs = [_error_output(NOT_RUN, f"not run: the kernel died {self._deaths} times "
                                                   "in earlier cells of this notebook")]
            return cell, self.resources
        try:
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

    def _restart_and_replay(self, upto: int) -> None:
        """Start a new kernel and re-run code cells ``0..upto-1`` (test cells, cells whose
        kernel died and cells that timed out excepted), discarding their outputs."""
        self._new_kernel()
        for index, earlier in enumerate(self.nb.cells[:upto]):
            if (earlier.cell_type != "code" or is_test_cell(earlier)
                    or _has_error(earlier, KERNEL_DIED, NOT_RUN, "CellTimeoutError")):
                continue
            try:
                self.execute_cell(copy.deepcopy(earlier), index, store_history=False)
            except DeadKernelError:  # a cell that dies only when re-run: count it, go on
                self._deaths += 1
                if self._deaths >= MAX_KERNEL_DEATHS:
                    return
                self._new_kernel()


def autograde_preprocessors() -> list[type]:
    """nbgrader's ``Autograde.autograde_preprocessors`` with ``Execute`` replaced by
    :class:`ContainedExecute` (the order and the other preprocessors unchanged)."""
    from nbgrader.converters import Autograde

    default = Autograde.class_traits()["autograde_preprocessors"].default()
    return [ContainedExecute if pp is Execute else pp for pp in default]


def execute_plainly(nb: NotebookNode, folder: Path | str, timeout: int) -> NotebookNode:
    """Run ``nb`` in place with nbclient alone, as nbgrader's executor runs it: a fresh quiet
    kernel started in ``folder``, every cell at most ``timeout`` seconds, errors recorded
    in the outputs, one CPU thread per kernel. Returns ``nb``."""
    from nbclient import NotebookClient

    with kernel_threads():
        NotebookClient(nb, timeout=timeout, kernel_name="python3", allow_errors=True,
                       extra_arguments=QUIET_KERNEL_ARGS, resources={"metadata": {"path": str(folder)}}).execute()
    return nb
