"""Grade one hand-in with nbgrader, in a workspace of its own: the job a grading worker runs.

:func:`grade_task` needs nothing from the machine it runs on but this package and a
Jupyter kernel: the course's configuration, the assignment's gradebook record and its
data files come in a :class:`GradingSetup` (sent once to each worker), the hand-in in
a :class:`GradingTask`. It writes a throw-away nbgrader course folder (in memory where
the machine has ``/dev/shm``), runs nbgrader's ``autograde`` and ``generate_feedback``
there, and returns a :class:`GradingOutcome`: the scores as data, the autograded
notebook and the feedback HTML as bytes. So a worker on another machine of a Dask
cluster grades exactly as one on this machine does, and only the process that
collects the outcomes writes the course gradebook (see :mod:`autograde.gradebook`).
"""

from __future__ import annotations

import contextlib
import copy
import logging
import os
import tempfile
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from nbgrader.apps import NbGraderAPI
from nbgrader.coursedir import CourseDirectory
from sqlalchemy.exc import SAWarning
from traitlets.config import Config

from . import sandbox
from .gradebook import AutoGrades, read_autogrades, scratch_folder
from .logs import environment_problem, what_failed

__all__ = ["GradingSetup", "GradingTask", "GradingOutcome", "grade_task", "kernel_threads", "load_grader"]


@dataclass(frozen=True)
class GradingSetup:
    """What every grading task of one run shares.

    ``config`` is the course's nbgrader configuration (its root and gradebook URL are
    replaced in each workspace); ``gradebook`` a SQLite gradebook holding only the
    assignment (:func:`autograde.gradebook.export_assignment`); ``files`` the files of
    ``source/<assignment>/`` other than notebooks, by path relative to that folder
    (nbgrader copies them beside each autograded notebook). With ``sandbox``, each
    kernel runs inside bubblewrap (:mod:`autograde.sandbox`), with at most ``memory_mb``
    MiB of address space and ``cpu_s`` seconds of CPU (None: the sandbox's defaults).
    """

    assignment: str
    notebook: str
    course_id: str
    config: Config
    gradebook: bytes
    files: dict[str, bytes] = field(default_factory=dict)
    sandbox: bool = False
    memory_mb: int | None = None
    cpu_s: int | None = None


@dataclass(frozen=True)
class GradingTask:
    """One hand-in: the notebook's bytes as it is to be graded, and its hand-in time."""

    student: str
    notebook: bytes
    timestamp: str | None = None


@dataclass
class GradingOutcome:
    """What grading one hand-in produced. ``problem`` is set when nbgrader failed;
    ``log`` holds nbgrader's log then."""

    student: str
    autogrades: AutoGrades | None = None
    autograded: bytes | None = None
    feedback: bytes | None = None
    problem: str | None = None
    log: str = ""
    seconds: float = 0.0


def load_grader() -> None:
    """Import what grading a hand-in needs beyond this module (nbgrader's converters,
    nbconvert's exporters, nbclient, jupyter_client): a second of a fresh worker's first
    hand-in, done while the collecting process is still preparing the hand-ins."""
    import jupyter_client.manager  # noqa: F401
    import nbclient  # noqa: F401
    import nbgrader.converters  # noqa: F401
    import nbgrader.preprocessors  # noqa: F401
    from nbconvert.exporters import HTMLExporter  # noqa: F401

    from . import execute, feedback  # noqa: F401


@contextlib.contextmanager
def kernel_threads(threads: int = 1) -> Iterator[None]:
    """Let each grading kernel use ``threads`` CPU threads unless ``OMP_NUM_THREADS`` is set.

    The course's tensors are small; several threads per kernel only fight over a
    small machine's cores (measured: a 500-step kernel fit takes 0.05 s on one
    thread and 2-8 s on two threads of a busy 2-core machine).
    """
    with sandbox.environment_kept(["OMP_NUM_THREADS"]):
        os.environ.setdefault("OMP_NUM_THREADS", str(threads))
        yield


@contextlib.contextmanager
def _quiet_nbgrader() -> Iterator[None]:
    """Keep nbgrader's log out of the worker's terminal: the API captures it in each
    result, and a failure's log comes back in the outcome."""
    logger = logging.getLogger("traitlets")
    saved = logger.propagate, logger.disabled
    logger.propagate = False
    try:
        with warnings.catch_warnings():
            # nbgrader's gradebook code trips SQLAlchemy's "not in session" SAWarning when
            # it re-creates a submission; it is harmless and says nothing about the grade.
            warnings.filterwarnings("ignore", category=SAWarning)
            yield
    finally:
        logger.propagate, logger.disabled = saved


def _workspace_api(root: Path, setup: GradingSetup) -> NbGraderAPI:
    """nbgrader's API on the throw-away course folder ``root``."""
    config = copy.deepcopy(setup.config)
    config.CourseDirectory.root = str(root)
    config.CourseDirectory.db_url = f"sqlite:///{root / 'gradebook.db'}"
    config.CourseDirectory.course_id = setup.course_id
    if setup.sandbox:
        # The course folder and this user's home are hidden from the kernel; the
        # workspace itself is under /dev/shm or /tmp, which the sandbox replaces. The
        # kernelspec and sockets go into the workspace, and are removed with it.
        sandbox.prepare(config, root / ".sandbox", hide=[Path(setup.config.CourseDirectory.root or "."), Path.home()],
                        memory_mb=setup.memory_mb, cpu_s=setup.cpu_s)
    logger = logging.getLogger("traitlets")
    disabled, logger.disabled = logger.disabled, True  # the API's exchange probe logs CRITICAL
    try:
        return NbGraderAPI(CourseDirectory(config=config), config=config)
    finally:
        logger.disabled = disabled


def _write_workspace(root: Path, setup: GradingSetup, task: GradingTask) -> None:
    """The course folder nbgrader grades in: gradebook, source data files, the hand-in."""
    (root / "gradebook.db").write_bytes(setup.gradebook)
    source = root / "source" / setup.assignment
    source.mkdir(parents=True)
    for relative, data in setup.files.items():
        (source / relative).parent.mkdir(parents=True, exist_ok=True)
        (source / relative).write_bytes(data)
    submitted = root / "submitted" / task.student / setup.assignment
    submitted.mkdir(parents=True)
    (submitted / f"{setup.notebook}.ipynb").write_bytes(task.notebook)
    if task.timestamp:
        (submitted / "timestamp.txt").write_text(task.timestamp, encoding="utf-8")


#: Times a hand-in is graded again when its kernel failed to start (not the student's fault).
START_RETRIES = 2


def _kernel_did_not_start(result: dict) -> bool:
    """Whether nbgrader failed because the kernel died before it ran any cell.

    jupyter_client picks free ports, then the kernel binds them; another kernel starting
    at the same moment on a busy machine can take one in between ("Address already in
    use", then "Kernel died before replying to kernel_info"). Grading again fixes it.
    """
    text = str(result.get("log") or "") + str(result.get("error") or "")
    return "Kernel died before replying to kernel_info" in text or "Address already in use" in text


def grade_task(setup: GradingSetup, task: GradingTask) -> GradingOutcome:
    """Autograde ``task`` with nbgrader in a fresh workspace and generate its feedback.

    One nbgrader call per hand-in, in a course folder of its own: nbgrader's converter
    stops a whole batch on a hand-in with a bad metadata schema (``SchemaTooOldError``
    re-raised as ``NbGraderException``) and deletes the results of one whose kernel
    died; here such a hand-in can fail only itself (and :mod:`autograde.repair` and
    :mod:`autograde.execute` keep both from failing at all).
    """
    start = time.perf_counter()
    outcome = GradingOutcome(task.student)
    a, student = setup.assignment, task.student
    with tempfile.TemporaryDirectory(prefix="autograde-", dir=scratch_folder()) as tmp, _quiet_nbgrader(), \
            sandbox.environment_kept():
        root = Path(tmp)
        _write_workspace(root, setup, task)
        api = _workspace_api(root, setup)
        with kernel_threads():
            for _ in range(1 + START_RETRIES):
                result = api.autograde(a, student, force=True, create=True)
                if result.get("success") or not _kernel_did_not_start(result):
                    break
        if not result.get("success"):
            environment = environment_problem(result)
            outcome.problem = f"nbgrader autograde failed: {what_failed(result)}" + (
                f"; {environment}" if environment else "")
            outcome.log = str(result.get("log") or "")
        else:
            outcome.autogrades = read_autogrades(api.coursedir.db_url, setup.course_id, a, student, setup.notebook)
            autograded = root / "autograded" / student / a / f"{setup.notebook}.ipynb"
            outcome.autograded = autograded.read_bytes() if autograded.is_file() else None
            result = api.generate_feedback(a, student)
            feedback = root / "feedback" / student / a / f"{setup.notebook}.html"
            if result.get("success") and feedback.is_file():
                outcome.feedback = feedback.read_bytes()
            else:
                outcome.problem = f"nbgrader generate_feedback failed: {what_failed(result)}"
                outcome.log = str(result.get("log") or "")
    outcome.seconds = time.perf_counter() - start
    return outcome
