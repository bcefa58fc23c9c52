"""Locate a course folder and open it with nbgrader's Python API.

A course folder holds ``nbgrader_config.py`` (course id, gradebook URL, and the
custom list ``c.Course.assignments``) and ``source/<name>/<name>.ipynb`` for each
assignment written so far. :func:`load_course` reads that configuration with
traitlets, exactly as nbgrader would, and builds an :class:`NbGraderAPI` on it.
"""

from __future__ import annotations

import logging
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from nbgrader.api import Gradebook
from nbgrader.apps import NbGraderAPI
from nbgrader.coursedir import CourseDirectory
from traitlets.config import Config
from traitlets.config.loader import PyFileConfigLoader

__all__ = ["CONFIG_FILE", "Course", "CourseError", "load_course", "default_root", "nbgrader_logger"]

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
        if assignment not in self.assignments:
            known = ", ".join(self.assignments) or "none yet"
            raise CourseError(
                f"{assignment} is not an assignment of this course (course folder {self.root}; "
                f"assignments with a source notebook: {known})"
            )


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
        config.Execute.extra_arguments = ["--IPKernelApp.log_level=ERROR"]
    coursedir = CourseDirectory(config=config)
    with _quiet(nbgrader_logger()):
        # The API probes nbgrader's exchange (unused here) and logs CRITICAL when
        # /usr/local/share/nbgrader/exchange is missing: noise for this course.
        api = NbGraderAPI(coursedir, config=config)
    return Course(root=root, config=config, assignments=assignments, api=api)
