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

import sys

# nbformat imports jsonschema, which, when the optional rfc3987-syntax package is
# installed (JupyterLab's jupyter-events pulls it in), compiles a Lark grammar for IRIs
# at import: 2 s or more in every process, every grading worker included. No notebook
# schema checks IRIs; marking the module absent makes jsonschema skip that format.
sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]

from .course import Course, CourseError, load_course  # noqa: E402
from .demo import run_demo  # noqa: E402
from .notebooks import answer_cell_for, functions_in, graded_cells, reference_submission, splice  # noqa: E402
from .pipeline import BuildError, GradeRow, Submission, build, collect_submissions, grade  # noqa: E402

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
