"""The whole pipeline on bundled example submissions, in a throw-away course folder.

For each assignment with a source notebook, three students hand in:

``reference``
    :func:`~autograde.notebooks.reference_submission` of the source notebook (what a
    perfect student hands in); its written answers are the instructor's own, so
    they get full marks as manual grades and the reference shows full marks.
``blank``
    the release notebook, untouched: every test must fail without crashing the
    grader, and the unchanged written answers score 0.
``partly_wrong``
    the reference with the functions of ``autograde/examples/<assignment>/partly_wrong.py``
    spliced in: it must lose some points, not all.

Nothing outside the temporary folder is written, and the gradebook is a SQLite file
inside it whatever ``COURSE_DB_URL`` says.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import warnings
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Sequence

import nbformat
from sqlalchemy.exc import SAWarning

from .course import CONFIG_FILE, Course, CourseError, default_root, load_course
from .notebooks import functions_in, graded_cells, nbgrader_meta, reference_submission, splice
from .pipeline import GradeRow, Progress, build, grade, grading_client

__all__ = ["EXAMPLES", "example_submissions", "reference_manual_grades", "run_demo", "check_demo",
           "scratch_course"]

#: Wrong answers bundled with the package, one folder per assignment.
EXAMPLES = Path(__file__).resolve().parent / "examples"


def example_submissions(course: Course, assignment: str) -> dict[str, nbformat.NotebookNode]:
    """``{student: notebook}`` for ``reference``, ``blank`` and (when its example
    file exists) ``partly_wrong``. Needs the release built."""
    source = nbformat.read(course.source_notebook(assignment), as_version=4)
    reference = reference_submission(source)
    subs = {"reference": reference, "blank": nbformat.read(course.release_notebook(assignment), as_version=4)}
    wrong = EXAMPLES / assignment / "partly_wrong.py"
    if wrong.is_file():
        subs["partly_wrong"] = splice(reference, functions_in(wrong))
    return subs


def reference_manual_grades(course: Course, assignment: str) -> dict[str, float]:
    """``{grade_id: full points}`` of the manually graded cells (written answers, tasks)."""
    source = nbformat.read(course.source_notebook(assignment), as_version=4)
    manual = {}
    for cell in graded_cells(source):
        meta = nbgrader_meta(cell)
        if meta.get("solution") or meta.get("task"):
            manual[meta["grade_id"]] = float(meta["points"])
    return manual


def scratch_course(folder: Path, from_root: Path) -> Course:
    """Copy ``nbgrader_config.py`` and ``source/`` into ``folder``; open it with its own SQLite gradebook."""
    shutil.copyfile(from_root / CONFIG_FILE, folder / CONFIG_FILE)
    shutil.copytree(from_root / "source", folder / "source",
                    ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
    return load_course(folder, db_url=f"sqlite:///{folder / 'gradebook.db'}")


def check_demo(rows: Sequence[GradeRow]) -> list[str]:
    """What is wrong with a demo result: a student not graded, a reference below full
    marks, a blank above 0, a partly wrong one with all or no points."""
    problems = []
    for row in rows:
        if row.score is None or row.problem:
            problems.append(f"{row.student} was not graded: {row.problem}")
        elif row.student == "reference" and row.score != row.max_score:
            problems.append(f"reference scored {row.score:g}/{row.max_score:g}: the instructor's "
                            "own solution loses points (see its notes and feedback)")
        elif row.student == "blank" and row.score != 0:
            problems.append(f"blank scored {row.score:g}/{row.max_score:g}: some test passes "
                            "on the untouched release notebook")
        elif row.student == "partly_wrong" and not 0 < row.score < (row.max_score or 0):
            problems.append(f"partly_wrong scored {row.score:g}/{row.max_score:g}: "
                            "its wrong answers should lose some points, not all or none")
    return problems


def _grade_examples(course: Course, name: str, folder: Path, client: object) -> tuple[list[str], list[GradeRow]]:
    """Write the example hand-ins of ``name`` and grade them on ``client``; return the
    lines ``grade`` printed, and its rows."""
    hand_ins = folder / "hand-ins" / name
    for student, nb in example_submissions(course, name).items():
        (hand_ins / student / name).mkdir(parents=True)
        nbformat.write(nb, hand_ins / student / name / f"{name}.ipynb")
    manual = {"reference": reference_manual_grades(course, name)}
    lines: list[str] = []
    rows = grade(course, name, hand_ins, out=folder / "grades" / name, manual_grades=manual,
                 progress=lines.append, client=client)
    return lines, rows


def run_demo(assignments: Sequence[str] | None = None, keep: Path | str | None = None,
             course_root: Path | str | None = None, progress: Progress = print,
             workers: int | None = None) -> dict[str, list[GradeRow]]:
    """Build and grade the example submissions of each assignment (default: all);
    return ``{assignment: rows}`` and print a table per assignment.

    ``keep``: a new (or empty) folder in which to leave the demo course for inspection
    (gradebook, ``autograded/``, ``feedback/``, ``grades/<assignment>/grades.csv``).
    ``course_root``: where ``nbgrader_config.py`` and ``source/`` come from
    (default: :func:`~autograde.course.default_root`). ``workers``: grading worker
    processes, shared by all assignments (default: one per CPU, at most three).
    """
    from_root = Path(course_root) if course_root is not None else default_root()
    if not (from_root / CONFIG_FILE).is_file():
        raise CourseError(f"{from_root} is not a course folder: it has no {CONFIG_FILE}; pass --course DIR")
    if keep is not None:
        folder = Path(keep).resolve()
        if folder.exists() and any(folder.iterdir()):
            raise CourseError(f"--keep {folder} is not empty: give a new folder")
        folder.mkdir(parents=True, exist_ok=True)
    else:
        folder = Path(tempfile.mkdtemp(prefix="autograde-demo-"))
    try:
        course = scratch_course(folder, from_root)
        names = list(assignments) if assignments else course.assignments
        progress(f"demo course: {folder}")
        build(course, names, progress=progress)
        results = {}
        # All assignments at once, so that no worker waits for the last hand-in of one
        # assignment; each assignment's lines are printed together, in teaching order.
        with grading_client(workers or min(os.cpu_count() or 1, 3)) as client, \
                ThreadPoolExecutor(max_workers=len(names) or 1) as pool, warnings.catch_warnings():
            warnings.filterwarnings("ignore", category=SAWarning)  # as each grade() does, for all threads
            runs = {name: pool.submit(_grade_examples, course, name, folder, client) for name in names}
            for name in names:
                progress(f"\n== {name}: grading the example hand-ins")
                lines, results[name] = runs[name].result()
                for line in lines:
                    progress(line)
        if keep is not None:
            progress(f"\nkept the demo course in {folder}")
        else:
            progress("\n(the demo course was temporary and has been removed: "
                     "add --keep DIR to read its grades.csv and feedback)")
        return results
    finally:
        if keep is None:
            shutil.rmtree(folder, ignore_errors=True)
