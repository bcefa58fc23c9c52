"""The course gradebook at class scale: one writer, many grading workers.

Grading workers never open the course gradebook. Each hand-in is graded by nbgrader
in a workspace of its own with a private SQLite gradebook, copied from
:func:`export_assignment` (the assignment's cells, points, hidden-test sources and
due date, and no student); the scores come back as data (:class:`AutoGrades`) and the
grading process records them in the course gradebook with :func:`record_autogrades`,
one short transaction per hand-in. So no two workers ever write to one database
("database is locked" cannot happen, a crashed worker cannot leave half a grade),
and the course gradebook may be the SQLite file or a PostgreSQL server
(``--db URL`` / ``COURSE_DB_URL``) shared by several graders.

:func:`record_autogrades` does what nbgrader's ``SaveAutoGrades`` and
``AssignLatePenalties`` do when they write the course gradebook themselves: a grader's
manual score is kept and the cell marked for review.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from nbgrader.api import Gradebook, MissingEntry

__all__ = ["AutoGrades", "export_assignment", "read_autogrades", "record_autogrades", "redact_url",
           "scratch_folder", "sqlite_path"]


@dataclass
class AutoGrades:
    """What nbgrader's autograder wrote for one hand-in, read from a workspace gradebook.

    ``grades`` maps each graded cell's id to ``(auto_score, needs_manual_grade)``;
    ``comments`` maps each answer cell to its automatic comment (nbgrader writes
    ``"No response."`` for an untouched one); ``late_penalty`` is the notebook's late
    penalty and ``timestamp`` the hand-in time (ISO text) when known.
    """

    notebook: str
    grades: dict[str, tuple[float | None, bool]] = field(default_factory=dict)
    comments: dict[str, str | None] = field(default_factory=dict)
    late_penalty: float | None = None
    timestamp: str | None = None
    seconds_late: float = 0.0


def redact_url(url: str) -> str:
    """``url`` with any password replaced by ``***`` (for messages and logs)."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 -- not a URL SQLAlchemy knows: show it as it is
        return url


def export_assignment(db_url: str, course_id: str, assignment: str) -> bytes:
    """A SQLite gradebook, as bytes, that holds ``assignment`` of the course gradebook at
    ``db_url`` (notebooks, graded/solution/task/source cells, due date) and no student."""
    # In memory where there is some: nbgrader commits once per cell (a sync each on a disk).
    with tempfile.TemporaryDirectory(prefix="autograde-export-", dir=scratch_folder()) as tmp:
        path = Path(tmp) / "gradebook.db"
        with Gradebook(db_url, course_id) as src, Gradebook(f"sqlite:///{path}", course_id) as dst:
            record = src.find_assignment(assignment)
            dst.update_or_create_assignment(assignment, duedate=record.duedate)
            for nb in record.notebooks:
                dst.update_or_create_notebook(nb.name, assignment)
                for c in nb.grade_cells:
                    dst.update_or_create_grade_cell(c.name, nb.name, assignment,
                                                    max_score=c.max_score, cell_type=c.cell_type)
                for c in nb.solution_cells:
                    dst.update_or_create_solution_cell(c.name, nb.name, assignment)
                for c in nb.task_cells:
                    dst.update_or_create_task_cell(c.name, nb.name, assignment,
                                                   max_score=c.max_score, cell_type=c.cell_type)
                for c in nb.source_cells:
                    dst.update_or_create_source_cell(c.name, nb.name, assignment, cell_type=c.cell_type,
                                                     locked=c.locked, source=c.source, checksum=c.checksum)
        return path.read_bytes()


def read_autogrades(db_url: str, course_id: str, assignment: str, student: str, notebook: str) -> AutoGrades:
    """The autograder's results for ``student`` in a workspace gradebook."""
    with Gradebook(db_url, course_id) as gb:
        submission = gb.find_submission(assignment, student)
        result = AutoGrades(notebook, timestamp=submission.timestamp.isoformat(sep=" ")
                            if submission.timestamp else None,
                            seconds_late=float(submission.total_seconds_late or 0))
        nb = gb.find_submission_notebook(notebook, assignment, student)
        result.late_penalty = nb.late_submission_penalty
        for g in nb.grades:
            result.grades[g.name] = (g.auto_score, bool(g.needs_manual_grade))
        for c in nb.comments:
            result.comments[c.name] = c.auto_comment
        return result


def record_autogrades(gb: Gradebook, assignment: str, student: str, grades: AutoGrades) -> None:
    """Write one hand-in's autograder results into the course gradebook ``gb`` and commit.

    The student is added if new; the submission is created, or updated when it exists
    (a regrade), with its timestamp; a cell a grader scored by hand keeps that score and
    is marked for review, as nbgrader's ``SaveAutoGrades`` does.
    """
    gb.update_or_create_student(student)
    kwargs = {"timestamp": grades.timestamp} if grades.timestamp else {}
    try:
        gb.find_submission(assignment, student)
        if grades.timestamp:
            gb.update_or_create_submission(assignment, student, **kwargs)
    except MissingEntry:
        gb.add_submission(assignment, student, **kwargs)
    notebook = gb.find_submission_notebook(grades.notebook, assignment, student)
    for grade in notebook.grades:
        if grade.name not in grades.grades:
            continue
        auto_score, needs_manual = grades.grades[grade.name]
        grade.auto_score = auto_score
        grade.needs_manual_grade = bool(needs_manual or grade.manual_score is not None or auto_score is None)
    for comment in notebook.comments:
        if comment.name in grades.comments:
            comment.auto_comment = grades.comments[comment.name]
    notebook.late_submission_penalty = grades.late_penalty
    gb.db.commit()


def sqlite_path(db_url: str) -> Path | None:
    """The file of a ``sqlite:///`` URL, ``None`` for another database."""
    prefix = "sqlite:///"
    return Path(db_url[len(prefix):]) if db_url.startswith(prefix) else None


#: Names the folder of the grading workspaces (see :func:`scratch_folder`).
SCRATCH_ENV = "AUTOGRADE_SCRATCH"


def scratch_folder() -> str | None:
    """Where each hand-in's grading workspace goes: ``AUTOGRADE_SCRATCH`` when set, else a
    folder in memory (``/dev/shm``) where there is one, else the default temporary folder.

    Each hand-in's workspace gradebook commits once per graded cell; in memory those
    commits cost nothing, on a disk each is a sync.
    """
    if os.environ.get(SCRATCH_ENV):
        return os.environ[SCRATCH_ENV]
    shm = "/dev/shm"
    return shm if os.path.isdir(shm) and os.access(shm, os.W_OK) else None
