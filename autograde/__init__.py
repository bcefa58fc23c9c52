"""The course's grading pipeline: a thin, typed layer over nbgrader's Python API.

``python -m autograde --help`` is the manual. From Python::

    from autograde import load_course, build, grade
    course = load_course()                  # this repository, or the cwd's course
    build(course, ["ps01_convolution"])     # source/ -> release/ + gradebook
    rows = grade(course, "ps01_convolution", "hand-ins/")

Modules: :mod:`~autograde.course` (open a course folder), :mod:`~autograde.notebooks`
(nbformat helpers, nothing executed), :mod:`~autograde.pipeline` (build, grade),
:mod:`~autograde.demo` (the whole pipeline on bundled examples), :mod:`~autograde.cli`.
"""

from .course import Course, CourseError, load_course
from .demo import run_demo
from .notebooks import answer_cell_for, functions_in, graded_cells, reference_submission, splice
from .pipeline import BuildError, GradeRow, Submission, build, collect_submissions, grade

__all__ = [
    "Course",
    "CourseError",
    "load_course",
    "BuildError",
    "GradeRow",
    "Submission",
    "build",
    "collect_submissions",
    "grade",
    "run_demo",
    "answer_cell_for",
    "functions_in",
    "graded_cells",
    "reference_submission",
    "splice",
]
