"""Run code in one live Jupyter kernel, the way nbgrader's executor would, and report
whether it failed as nbgrader would score it.

nbgrader gives a test cell 0 points when it raises *or* writes anything to stderr,
so :class:`CellResult` counts both. The mutant catalogue reuses one kernel per
assignment: the source notebook runs once, then each wrong or alternative answer is
spliced in, its exercise's test cells run, and the reference answer is restored.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from jupyter_client.manager import start_new_kernel

from autograde.execute import QUIET_KERNEL_ARGS

# Tiny tensors run fastest on one thread; several threads per kernel thrash a
# 2-core machine when kernels run side by side.
KERNEL_ENV = {**os.environ, "OMP_NUM_THREADS": "1", "MPLBACKEND": "Agg"}
# As grading does: the kernel's start-up warning must not land in a cell's stderr.
KERNEL_ARGS = QUIET_KERNEL_ARGS


@dataclass
class CellResult:
    """What running one piece of code gave."""

    error: str | None = None
    stderr: str = ""
    stdout: str = ""
    timed_out: bool = False
    outputs: list[dict] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        """True when nbgrader would give the cell full points: no error and nothing on stderr."""
        return self.error is None and not self.stderr and not self.timed_out

    def describe(self) -> str:
        if self.timed_out:
            return "timed out"
        if self.error:
            return self.error
        if self.stderr:
            return "wrote to stderr: " + self.stderr
        return "passed"


class NotebookKernel:
    """A Python kernel started in ``cwd``; use as a context manager."""

    def __init__(self, cwd: Path, kernel_name: str = "python3") -> None:
        self.manager, self.client = start_new_kernel(kernel_name=kernel_name, cwd=str(cwd), env=KERNEL_ENV,
                                                     extra_arguments=KERNEL_ARGS)

    def run(self, code: str, timeout: float = 120) -> CellResult:
        """Execute ``code``; collect errors, stdout and stderr."""
        result = CellResult()

        def hook(msg: dict) -> None:
            kind, content = msg["msg_type"], msg["content"]
            if kind == "stream":
                if content["name"] == "stderr":
                    result.stderr += content["text"]
                else:
                    result.stdout += content["text"]
            elif kind == "error":
                result.error = f"{content['ename']}: {content['evalue']}"
            if kind in ("stream", "error", "execute_result", "display_data"):
                result.outputs.append(msg)

        try:
            reply = self.client.execute_interactive(code, timeout=timeout, output_hook=hook, allow_stdin=False)
        except TimeoutError:
            self.manager.interrupt_kernel()
            result.timed_out = True
            return result
        if reply["content"]["status"] == "error" and result.error is None:
            result.error = f"{reply['content'].get('ename')}: {reply['content'].get('evalue')}"
        return result

    def cpu_seconds(self) -> float:
        """CPU seconds (user and system) the kernel process has used so far: its running
        time on an idle machine (the course's kernels use one thread), and a figure that
        other tests running beside it do not inflate as they inflate wall time."""
        import psutil

        times = psutil.Process(self.manager.provisioner.process.pid).cpu_times()
        return times.user + times.system

    def close(self) -> None:
        self.client.stop_channels()
        self.manager.shutdown_kernel(now=True)

    def __enter__(self) -> "NotebookKernel":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
