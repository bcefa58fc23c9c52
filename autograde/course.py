"""Locate a course folder and open it with nbgrader's Python API.

A course folder holds ``nbgrader_config.py`` (course id, gradebook URL, and the
custom list ``c.Course.assignments``) and ``source/<name>/<name>.ipynb`` for each
assignment written so far. :func:`load_course` reads that configuration with
traitlets, exactly as nbgrader would, and builds an :class:`NbGraderAPI` on it.
"""

from __future__ import annotations

import functools
import logging
import os
import sysconfig
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from nbgrader.api import Gradebook
from nbgrader.apps import NbGraderAPI
from nbgrader.coursedir import CourseDirectory
from traitlets.config import Config
from traitlets.config.loader import PyFileConfigLoader

from .execute import HARMLESS_WARNING, QUIET_KERNEL_ARGS, autograde_preprocessors
from .feedback import FeedbackExporter, feedback_preprocessors

__all__ = ["CONFIG_FILE", "Course", "CourseError", "load_course", "default_root", "nbgrader_logger",
           "put_scripts_on_path"]

CONFIG_FILE = "nbgrader_config.py"

#: The repository that holds this package (its parent folder).
REPO_ROOT = Path(__file__).resolve().parent.parent


class CourseError(Exception):
    """A problem the instructor can fix; the message says how."""


@dataclass
class Course:
    """An opened course folder.

    ``assignments`` lists the names in ``c.Course.assignments`` (teaching order) whose
    source notebook ``source/<name>/<name>.ipynb`` exists.
    """

    root: Path
    config: Config = field(repr=False)
    assignments: list[str]
    api: NbGraderAPI = field(repr=False)

    @property
    def db_url(self) -> str:
        """SQLAlchemy URL of the gradebook."""
        return self.api.coursedir.db_url

    @property
    def course_id(self) -> str:
        """The nbgrader course id."""
        return self.api.coursedir.course_id

    @property
    def cell_timeout(self) -> int:
        """Seconds a cell may run while autograding (nbgrader's default is 30)."""
        for section in ("Execute", "ExecutePreprocessor"):
            if "timeout" in self.config.get(section, {}):
                return int(self.config[section]["timeout"])
        return 30

    def source_notebook(self, assignment: str) -> Path:
        """``source/<assignment>/<assignment>.ipynb``."""
        return self.root / "source" / assignment / f"{assignment}.ipynb"

    def release_notebook(self, assignment: str) -> Path:
        """``release/<assignment>/<assignment>.ipynb``."""
        return self.root / "release" / assignment / f"{assignment}.ipynb"

    @contextmanager
    def gradebook(self) -> Iterator[Gradebook]:
        """The gradebook, opened for the duration of a ``with`` block."""
        gb = Gradebook(self.db_url, self.course_id)
        try:
            yield gb
        finally:
            gb.close()

    def check_assignment(self, assignment: str) -> None:
        """Raise :class:`CourseError` unless ``assignment`` is one of this course's."""
        if assignment in self.assignments:
            return
        if self.source_notebook(assignment).is_file():
            raise CourseError(f"source/{assignment}/{assignment}.ipynb exists but {assignment} is not in "
                              f"c.Course.assignments: add it to {self.root / CONFIG_FILE}")
        known = ", ".join(self.assignments) or "none yet"
        raise CourseError(
            f"{assignment} is not an assignment of this course (course folder {self.root}; "
            f"assignments with a source notebook: {known})"
        )

    def assignment_list_problems(self) -> list[str]:
        """Where ``c.Course.assignments``, ``source/``, ``authoring/`` and ``release/``
        disagree, one line each with the fix ([] when they agree).

        A configured name with none of the three is a planned assignment, not a problem.
        ``authoring/`` is checked only in a course folder that has one (a repository
        checkout; a copied course folder may hold ``source/`` alone).
        """
        configured = _configured_assignments(self.config)
        def names(folder: str, pattern: str) -> set[str]:
            return {p.parent.name if p.suffix == ".ipynb" else p.stem
                    for p in (self.root / folder).glob(pattern)}
        source = {n for n in names("source", "*/*.ipynb") if self.source_notebook(n).is_file()}
        release = {n for n in names("release", "*/*.ipynb") if self.release_notebook(n).is_file()}
        has_authoring = (self.root / "authoring").is_dir()
        authoring = names("authoring", "ps*.py") if has_authoring else set(source)
        problems = []
        for name in sorted(source | authoring | release):
            where = [f for f, held in (("source/", source), ("authoring/", authoring), ("release/", release))
                     if name in held]
            if name not in configured:
                problems.append(f"{name} is in {', '.join(where)} but not in c.Course.assignments: "
                                f"add it to {CONFIG_FILE}")
            if name in authoring and name not in source:
                problems.append(f"authoring/{name}.py has no source/{name}/{name}.ipynb: "
                                f"run: python authoring/build.py {name}")
            if name in source and name not in authoring:
                problems.append(f"source/{name}/{name}.ipynb has no authoring/{name}.py: write the script "
                                "the notebook is built from (see authoring/build.py)")
            if name in source and name not in release:
                problems.append(f"source/{name}/ has no release/{name}/{name}.ipynb: "
                                f"run: python -m autograde build {name}")
            if name in release and name not in source:
                problems.append(f"release/{name}/ has no source/{name}/{name}.ipynb: restore the source "
                                f"or remove release/{name}/")
        return problems


def nbgrader_logger() -> logging.Logger:
    """The logger nbgrader's API and converters write to (traitlets' global logger)."""
    return logging.getLogger("traitlets")


@contextmanager
def _quiet(logger: logging.Logger) -> Iterator[None]:
    """Silence ``logger`` inside a ``with`` block."""
    disabled, logger.disabled = logger.disabled, True
    try:
        yield
    finally:
        logger.disabled = disabled


def put_scripts_on_path() -> None:
    """Put this Python environment's scripts folder first on ``PATH`` if it is missing.

    nbgrader runs the ``alembic`` script from ``PATH`` when it creates a gradebook, so
    ``venv/bin/python -m autograde`` with the environment not activated (a cron job,
    an IDE, a kernel's ``sys.executable``) would otherwise fail with
    ``FileNotFoundError: 'alembic'``. Kernels and scripts started from here then come
    from the same environment as this package.
    """
    scripts = sysconfig.get_path("scripts")
    entries = os.environ.get("PATH", "").split(os.pathsep)
    if scripts and os.path.isdir(scripts) and scripts not in entries:
        os.environ["PATH"] = os.pathsep.join([scripts, *filter(None, entries)])


def ask_alembic_once() -> None:
    """Make nbgrader ask ``alembic heads`` for the gradebook schema's version once per process.

    nbgrader starts ``alembic heads`` in a subprocess every time it creates a gradebook
    (the course's, and the copy each ``grade`` sends its workers), and that subprocess
    imports all of nbgrader again: seconds each time. The answer is fixed for an
    installed nbgrader, so it is cached; a failure is not, and is raised again.
    """
    import nbgrader.api

    if not hasattr(nbgrader.api.get_alembic_version, "cache_info"):
        nbgrader.api.get_alembic_version = functools.cache(nbgrader.api.get_alembic_version)


def default_root() -> Path:
    """The current folder if it holds ``nbgrader_config.py``, else this repository."""
    cwd = Path.cwd()
    return cwd if (cwd / CONFIG_FILE).is_file() else REPO_ROOT


def _configured_assignments(config: Config) -> list[str]:
    """``c.Course.assignments`` as a list of names ([] when the section is absent)."""
    names = config.Course.get("assignments", []) if "Course" in config else []
    return [str(name) for name in names]


def load_course(root: Path | str | None = None, db_url: str | None = None) -> Course:
    """Open the course folder ``root`` (default: :func:`default_root`).

    ``db_url`` replaces the gradebook URL from the configuration (the demo uses a
    SQLite file of its own, whatever ``COURSE_DB_URL`` says).
    """
    put_scripts_on_path()
    ask_alembic_once()
    root = Path(root).resolve() if root is not None else default_root()
    config_file = root / CONFIG_FILE
    if not config_file.is_file():
        raise CourseError(f"{root} is not a course folder: it has no {CONFIG_FILE}; pass --course DIR")
    config = PyFileConfigLoader(CONFIG_FILE, path=str(root)).load_config()
    config.CourseDirectory.root = str(root)
    if db_url is not None:
        config.CourseDirectory.db_url = db_url
    assignments = [
        name for name in _configured_assignments(config)
        if (root / "source" / name / f"{name}.ipynb").is_file()
    ]
    if "extra_arguments" not in config.get("Execute", {}):
        # The course's nbgrader_config.py sets this; a course folder without it still
        # keeps the kernels' start-up warning ("Kernel is running over TCP without
        # encryption") out of the cells' stderr, where nbgrader would score it 0.
        config.Execute.extra_arguments = list(QUIET_KERNEL_ARGS)
    if "autograde_preprocessors" not in config.get("Autograde", {}):
        # As nbgrader_config.py does: a kernel that dies costs the cell it died in, not
        # every point of the notebook (nbgrader#1033; see autograde.execute).
        config.Autograde.autograde_preprocessors = autograde_preprocessors()
    if "pattern" not in config.get("IgnorePattern", {}):
        # A Python warning on stderr must not zero a test cell (see autograde.execute).
        config.IgnorePattern.pattern = HARMLESS_WARNING
        config.IgnorePattern.enabled = True
    if "preprocessors" not in config.get("GenerateFeedback", {}):
        # The course's nbgrader_config.py sets this too; any course folder graded
        # from here gives students feedback without the hidden tests' source.
        config.GenerateFeedback.preprocessors = feedback_preprocessors()
    if "exporter_class" not in config.get("GenerateFeedback", {}):
        config.GenerateFeedback.exporter_class = FeedbackExporter  # the same HTML, faster
    coursedir = CourseDirectory(config=config)
    with _quiet(nbgrader_logger()):
        # The API probes nbgrader's exchange (unused here) and logs CRITICAL when
        # /usr/local/share/nbgrader/exchange is missing: noise for this course.
        api = NbGraderAPI(coursedir, config=config)
    return Course(root=root, config=config, assignments=assignments, api=api)
