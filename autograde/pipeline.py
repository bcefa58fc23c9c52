"""Build releases and grade a class's hand-ins through nbgrader's Python API.

``build`` wraps :meth:`NbGraderAPI.generate_assignment`. ``grade`` is the class-scale
pipeline, one module per step:

1. :mod:`~autograde.submissions` collects the hand-ins (a folder or an LMS archive);
2. :mod:`~autograde.repair` puts back nbgrader metadata and test cells a hand-in lost;
3. :mod:`~autograde.worker` grades each hand-in with nbgrader's ``autograde`` and
   ``generate_feedback`` in a workspace of its own, on the workers of a Dask cluster
   (a :class:`~distributed.LocalCluster` of ``--workers`` processes on this machine
   by default, or the scheduler at ``--scheduler ADDRESS``);
4. :mod:`~autograde.gradebook` records each outcome in the course gradebook (SQLite
   or PostgreSQL), from this process only, as it arrives;
5. :mod:`~autograde.report` writes ``grades.csv``, ``questions.csv``, ``grades.png``
   and prints the table.

Kernels run with :class:`~autograde.execute.ContainedExecute` (a dying kernel costs
the cell it died in, not the notebook) and nbgrader's ``IgnorePattern`` (a Python
warning on stderr costs nothing); both are set in ``nbgrader_config.py`` and by
:func:`~autograde.course.load_course`. One bad hand-in never stops the batch.
"""

from __future__ import annotations

import contextlib
import csv
import logging
import os
import shutil
import sys
import time
import warnings
from pathlib import Path
from typing import Callable, Iterable, Iterator, Mapping, Sequence

import nbformat
from nbgrader.api import Gradebook, MissingEntry
from sqlalchemy.exc import SAWarning

from .course import Course, CourseError
from .gradebook import export_assignment, record_autogrades
from .logs import condense_log, environment_problem, what_failed
from .notebooks import graded_cells, nbgrader_meta
from .repair import repair
from .report import (GradeRow, cell_flags, format_table, plot_grades, question_stats, write_grades_csv,
                     write_questions_csv)
from .sandbox import bwrap_available
from .submissions import Submission, collect_submissions
from .tamper import scan_notebook
from .worker import GradingOutcome, GradingSetup, GradingTask, grade_task, kernel_threads, load_grader

__all__ = [
    "BuildError",
    "Submission",
    "GradeRow",
    "build",
    "collect_submissions",
    "read_manual_grades",
    "grade",
    "grading_client",
    "write_grades_csv",
    "format_table",
    "condense_log",
    "environment_problem",
    "kernel_threads",
]

Progress = Callable[[str], None]
ManualGrades = Mapping[str, Mapping[str, float]]


class BuildError(Exception):
    """nbgrader could not generate a release; the message holds its log and the fix."""


# --------------------------------------------------------------------------- build


def build(course: Course, assignments: Sequence[str] | None = None, progress: Progress = print) -> list[Path]:
    """Generate ``release/<name>/`` from ``source/<name>/`` for each assignment (default: all).

    Runs ``generate_assignment(name, force=True, create=True)``, which also records
    the assignment (cells, points, hidden tests) in the gradebook. Returns the
    release notebooks written. Raises :class:`BuildError` with nbgrader's log when
    a generation fails, and :class:`CourseError` for an unknown assignment.
    """
    names = list(assignments) if assignments else list(course.assignments)
    if not names:
        raise CourseError(f"no assignment to build: no source/<name>/<name>.ipynb in {course.root} "
                          "for the names in c.Course.assignments (nbgrader_config.py)")
    for name in names:
        course.check_assignment(name)
    written = []
    for i, name in enumerate(names, 1):
        start = time.perf_counter()
        result = course.api.generate_assignment(name, force=True, create=True)
        if not result.get("success"):
            environment = environment_problem(result)
            if environment:
                raise BuildError(f"nbgrader could not generate {name}: {what_failed(result)}\n{environment}")
            raise BuildError(
                f"nbgrader could not generate {name}: {what_failed(result)}\n"
                f"nbgrader's log (tracebacks shortened; -v shows them):\n"
                f"{condense_log(str(result.get('log') or '(empty)'))[0]}\n"
                f"Fix source/{name}/{name}.ipynb as the errors above say, "
                f"then run: python -m autograde build {name}"
            )
        written.append(course.release_notebook(name))
        progress(f"[{i}/{len(names)}] {name} -> release/{name}/ {time.perf_counter() - start:.1f} s")
    return written



# ------------------------------------------------------------------ manual grades


def read_manual_grades(path: Path | str) -> dict[str, dict[str, float]]:
    """``{student_id: {grade_id: points}}`` from a CSV with columns ``student_id,grade_id,points``."""
    path = Path(path)
    if not path.is_file():
        raise CourseError(f"manual grades file {path} does not exist")
    grades: dict[str, dict[str, float]] = {}
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        needed = {"student_id", "grade_id", "points"}
        if not needed <= set(reader.fieldnames or []):
            raise CourseError(f"{path} needs the columns student_id,grade_id,points "
                              f"(its header is: {','.join(reader.fieldnames or [])})")
        for line, row in enumerate(reader, 2):
            try:
                points = float(row["points"])
            except (TypeError, ValueError):
                raise CourseError(f"{path}, line {line}: points {row['points']!r} is not a number") from None
            grades.setdefault(row["student_id"].strip(), {})[row["grade_id"].strip()] = points
    return grades


def _check_manual_grades(manual: ManualGrades, max_points: Mapping[str, float], assignment: str) -> None:
    """Raise :class:`CourseError` for a grade id the assignment lacks or points out of range."""
    for student, by_cell in manual.items():
        for grade_id, points in by_cell.items():
            if grade_id not in max_points:
                raise CourseError(f"manual grade for {student}: {grade_id!r} is not a graded cell of "
                                  f"{assignment} (graded cells: {', '.join(max_points)})")
            if not 0 <= points <= max_points[grade_id]:
                raise CourseError(f"manual grade for {student}: {points:g} points for {grade_id} is "
                                  f"outside 0..{max_points[grade_id]:g}")


def _apply_manual_grades(gb: Gradebook, assignment: str, notebook: str, student: str,
                         by_cell: Mapping[str, float]) -> None:
    """Record manual scores as nbgrader's formgrader does (``needs_manual_grade`` cleared)."""
    for grade_id, points in by_cell.items():
        cell = gb.find_grade(grade_id, notebook, assignment, student)
        cell.manual_score = float(points)
        cell.needs_manual_grade = False
    gb.db.commit()


def _gradebook_cells(gb: Gradebook, assignment: str) -> tuple[str, dict[str, float]]:
    """The assignment's notebook id and ``{grade_id: max points}`` of its graded cells.

    Raises the build hint when the assignment is not in the gradebook.
    """
    try:
        record = gb.find_assignment(assignment)
    except MissingEntry:
        raise CourseError(f"{assignment} is not in the gradebook; "
                          f"run: python -m autograde build {assignment}") from None
    notebooks = [nb for nb in record.notebooks]
    if not notebooks:
        raise CourseError(f"{assignment} has no notebook in the gradebook; "
                          f"run: python -m autograde build {assignment}")
    notebook = next((nb for nb in notebooks if nb.name == assignment), notebooks[0])
    cells = {c.name: float(c.max_score) for c in list(notebook.grade_cells) + list(notebook.task_cells)}
    return notebook.name, cells


def _cell_order(course: Course, assignment: str, cells: Mapping[str, float]) -> list[str]:
    """Graded cell ids in notebook order (release notebook, else source), unknown ones last."""
    order: list[str] = []
    for path in (course.release_notebook(assignment), course.source_notebook(assignment)):
        if path.is_file():
            nb = nbformat.read(path, as_version=4)
            order = [nbgrader_meta(c)["grade_id"] for c in graded_cells(nb) if nbgrader_meta(c).get("grade_id")]
            break
    order = [name for name in order if name in cells]
    return order + sorted(set(cells) - set(order))


def _read_scores(gb: Gradebook, assignment: str, student: str, row: GradeRow) -> None:
    """Fill ``row`` with the student's scores from the gradebook."""
    submission = gb.find_submission(assignment, student)
    row.score, row.max_score = float(submission.score), float(submission.max_score)
    row.needs_manual_grading = bool(submission.needs_manual_grade)
    for nb in submission.notebooks:
        for g in nb.grades:
            points = g.manual_score if g.manual_score is not None else g.auto_score
            row.points[g.name] = None if points is None else float(points)


def _place_submission(course: Course, assignment: str, sub: Submission) -> None:
    """Copy the notebook to ``submitted/<student>/<assignment>/<assignment>.ipynb``,
    replacing an earlier copy; never touching the original."""
    dest_dir = course.root / "submitted" / sub.student / assignment
    dest = dest_dir / f"{assignment}.ipynb"
    assert sub.notebook is not None
    if sub.notebook.resolve() == dest.resolve():
        return  # graded in place: the input is already nbgrader's submitted/ folder
    if dest_dir.resolve() == sub.notebook.parent.resolve():
        raise CourseError(f"{sub.notebook} is inside nbgrader's submitted/ folder under another name: "
                          f"rename it to {dest.name}")
    if dest_dir.exists():
        shutil.rmtree(dest_dir)
    dest_dir.mkdir(parents=True)
    shutil.copyfile(sub.notebook, dest)
    if sub.timestamp:
        (dest_dir / "timestamp.txt").write_text(sub.timestamp, encoding="utf-8")



# ------------------------------------------------------------------------ grading


def _source_files(course: Course, assignment: str) -> dict[str, bytes]:
    """The files of ``source/<assignment>/`` that are not notebooks (data nbgrader copies
    beside each autograded notebook), by relative path."""
    folder = course.source_notebook(assignment).parent
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.suffix != ".ipynb" and ".ipynb_checkpoints" not in p.parts
            and "__pycache__" not in p.parts}


def _release(course: Course, assignment: str) -> nbformat.NotebookNode:
    """The release notebook hand-ins are repaired against."""
    path = course.release_notebook(assignment)
    if not path.is_file():
        raise CourseError(f"release/{assignment}/{assignment}.ipynb is missing; "
                          f"run: python -m autograde build {assignment}")
    return nbformat.read(path, as_version=4)


def _prepare(course: Course, assignment: str, sub: Submission, release: nbformat.NotebookNode,
             row: GradeRow) -> GradingTask | None:
    """Put the hand-in in ``submitted/``, repair a copy and return the task to grade it
    (``None`` with ``row`` saying why when it cannot be graded)."""
    try:
        _place_submission(course, assignment, sub)
    except CourseError as exc:
        row.problem, row.failure = str(exc), "error"
        return None
    assert sub.notebook is not None
    nb = nbformat.read(sub.notebook, as_version=4)
    fixes = repair(nb, release)
    if fixes:
        row.flag("repaired", "repaired: " + "; ".join(fixes))
    findings = scan_notebook(nb, release)
    if findings:
        row.flag("tampering", "review by hand: " + "; ".join(f.describe() for f in findings))
    return GradingTask(sub.student, nbformat.writes(nb).encode(), sub.timestamp)


def _load_grader_on_workers(client: object) -> None:
    """Have each worker import the grading code now, as a task of its own, while this
    process collects and prepares the hand-ins (about a second of each fresh worker)."""
    from distributed import fire_and_forget

    for address in client.scheduler_info()["workers"]:
        fire_and_forget(client.submit(load_grader, pure=False, workers=[address], key=f"load-grader-{os.urandom(4).hex()}"))


@contextlib.contextmanager
def grading_client(workers: int = 1, scheduler: str | None = None) -> Iterator[object]:
    """A Dask client: on the scheduler at ``scheduler`` (a cluster whose workers have
    this package installed), else on a :class:`~distributed.LocalCluster` of
    ``workers`` single-threaded worker processes on this machine."""
    from distributed import Client, LocalCluster

    if scheduler:
        try:
            client = Client(scheduler, timeout="10s")
        except OSError as exc:
            raise CourseError(f"no Dask scheduler answers at {scheduler} ({exc}): start one with "
                              "`dask scheduler` and workers with `dask worker ADDRESS`, or leave out "
                              "--scheduler to grade on this machine") from None
        with client:
            _load_grader_on_workers(client)
            yield client
        return
    # No dashboard, and the scheduler's HTTP server (health checks) on a free port: on
    # its default, 8787, a second grader on the same machine would warn.
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, memory_limit=0,
                      scheduler_kwargs={"dashboard": False, "dashboard_address": ":0"},
                      silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
        _load_grader_on_workers(client)
        yield client


def _run(client: object, setup: GradingSetup, tasks: Sequence[GradingTask]) -> Iterator[GradingOutcome]:
    """Grade ``tasks`` on ``client``'s workers; yield each outcome as it is done."""
    from distributed import as_completed

    shared = client.scatter(setup, broadcast=True)
    futures = {client.submit(grade_task, shared, task, pure=False, key=f"grade-{task.student}-{os.urandom(4).hex()}"):
               task.student for task in tasks}
    for future in as_completed(futures):
        try:
            yield future.result()
        except Exception as exc:  # a worker died or the task raised: this student only
            yield GradingOutcome(futures[future], problem=f"grading failed: {type(exc).__name__}: {exc}")


def _late_note(seconds: float) -> str:
    """``late by 2 h 05 min``."""
    minutes = int(seconds // 60)
    return f"late by {minutes // 60} h {minutes % 60:02d} min" if minutes >= 60 else f"late by {max(minutes, 1)} min"


def _write_outputs(course: Course, assignment: str, notebook: str, outcome: GradingOutcome) -> Path | None:
    """Write the autograded notebook and the feedback under the course folder, where
    nbgrader (and its formgrader) expects them; return the feedback file."""
    folders = [course.root / "autograded" / outcome.student / assignment,
               course.root / "feedback" / outcome.student / assignment]
    for folder, data, suffix in zip(folders, (outcome.autograded, outcome.feedback), (".ipynb", ".html")):
        if folder.exists():
            shutil.rmtree(folder)
        if data is not None:
            folder.mkdir(parents=True)
            (folder / f"{notebook}{suffix}").write_bytes(data)
    return folders[1] / f"{notebook}.html" if outcome.feedback is not None else None


def _record(course: Course, assignment: str, notebook: str, outcome: GradingOutcome,
            manual: ManualGrades, row: GradeRow) -> None:
    """Record one outcome in the course gradebook and fill ``row``."""
    row.seconds = outcome.seconds
    if outcome.autogrades is None:
        row.problem, row.failure = outcome.problem or "grading failed", "error"
        if outcome.log:
            logging.getLogger("traitlets").error("nbgrader's log for %s:\n%s", outcome.student,
                                                 condense_log(outcome.log)[0])
        return
    with course.gradebook() as gb, warnings.catch_warnings():
        # nbgrader's add_submission trips SQLAlchemy's harmless "not in session" SAWarning.
        warnings.filterwarnings("ignore", category=SAWarning)
        record_autogrades(gb, assignment, outcome.student, outcome.autogrades)
        if outcome.student in manual:
            _apply_manual_grades(gb, assignment, notebook, outcome.student, manual[outcome.student])
        _read_scores(gb, assignment, outcome.student, row)
    row.feedback = _write_outputs(course, assignment, notebook, outcome)
    row.problem = outcome.problem  # a feedback failure: graded, but no feedback
    if outcome.autogrades.seconds_late > 0:
        row.flag("late", _late_note(outcome.autogrades.seconds_late))
    if outcome.autograded is not None:
        for flag, note in cell_flags(outcome.autograded, course.cell_timeout):
            row.flag(flag, note)


def _progress_line(i: int, n: int, row: GradeRow) -> str:
    """``[2/3] alice 87.5/100 12.4 s`` (or the reason a student was not graded)."""
    if row.score is None:
        return f"[{i}/{n}] {row.student} NOT GRADED ({row.status}): {row.problem}"
    text = f"[{i}/{n}] {row.student} {row.score:g}/{row.max_score:g} {row.status} {row.seconds:.1f} s"
    extras = row.notes + ([row.problem] if row.problem else [])
    return text + "".join(f"\n      {note}" for note in extras)


def _initial_row(sub: Submission) -> GradeRow:
    """The row of a hand-in before grading: its collection notes and problem."""
    row = GradeRow(sub.student)
    if sub.note:
        row.notes.append(sub.note)
        if "renamed" in sub.note:
            row.flag("renamed")
    if sub.notebook is None or sub.problem:
        row.problem, row.failure = sub.problem, sub.kind or "missing"
    return row


def grade(course: Course, assignment: str, submissions: Path | str | Sequence[Submission],
          out: Path | str | None = None, manual_grades: ManualGrades | Path | str | None = None,
          progress: Progress = print, workers: int | None = None, scheduler: str | None = None,
          pattern: str | None = None, progress_bar: bool = False, client: object | None = None,
          plot: bool = True, sandbox: bool | None = None, memory_mb: int | None = None,
          cpu_s: int | None = None) -> list[GradeRow]:
    """Autograde every hand-in of ``assignment`` and report the grades; one row per student.

    ``submissions`` is a folder or an LMS archive (see
    :func:`~autograde.submissions.collect_submissions`; ``pattern`` reads the archive's
    file names) or submissions already collected. Each hand-in is copied to
    ``submitted/<student>/<assignment>/``, repaired, graded on ``workers`` local worker
    processes (default: one per CPU, at most one per hand-in) or on the Dask
    ``scheduler`` (or an existing Dask ``client``), and recorded in the course gradebook
    as it finishes, with a line per student (and a progress bar if ``progress_bar``).
    ``manual_grades`` (a mapping or a CSV ``student_id,grade_id,points``) sets the points
    of manually graded cells. ``grades.csv``, ``questions.csv``, ``grades.png`` (unless
    not ``plot``) and a copy of the feedback go to ``out`` (default: the course folder,
    whose ``feedback/`` holds nbgrader's layout).

    Each kernel runs in bubblewrap (:mod:`autograde.sandbox`: it sees only its own scratch
    copy of the hand-in, with at most ``memory_mb`` MiB and ``cpu_s`` CPU seconds) when
    ``sandbox`` is True (an error where bubblewrap cannot run) or None (the default: a
    warning through ``progress`` where it cannot, and grading without it); not when False.
    """
    manual: ManualGrades = (read_manual_grades(manual_grades) if isinstance(manual_grades, (str, Path))
                            else manual_grades or {})
    course.check_assignment(assignment)
    why_not = bwrap_available() if sandbox is not False else None
    if why_not and sandbox:
        raise CourseError(f"--sandbox: {why_not}")
    if why_not:
        progress(f"warning: grading WITHOUT the sandbox ({why_not}): the students' code can read the "
                 "course folder and the network; pass --no-sandbox to grade so without this warning")
    sandbox = sandbox is not False and not why_not
    with course.gradebook() as gb:
        notebook, max_points = _gradebook_cells(gb, assignment)
    _check_manual_grades(manual, max_points, assignment)
    subs = (collect_submissions(submissions, assignment, warn=progress, pattern=pattern)
            if isinstance(submissions, (str, Path)) else list(submissions))
    release = _release(course, assignment)
    rows = {sub.student: _initial_row(sub) for sub in subs}
    tasks = [task for sub in subs if rows[sub.student].failure == ""
             for task in [_prepare(course, assignment, sub, release, rows[sub.student])] if task is not None]
    n, done = len(subs), 0
    for row in rows.values():
        if row.score is None and row.failure:
            done += 1
            progress(_progress_line(done, n, row))
    if tasks:
        setup = GradingSetup(assignment, notebook, course.course_id, course.config,
                             export_assignment(course.db_url, course.course_id, assignment),
                             _source_files(course, assignment), sandbox=sandbox, memory_mb=memory_mb, cpu_s=cpu_s)
        workers = workers or min(os.cpu_count() or 1, len(tasks))
        with contextlib.ExitStack() as stack:
            if client is None:
                client = stack.enter_context(grading_client(workers, scheduler))
            bar = stack.enter_context(_bar(len(tasks), progress_bar))
            say = bar.write if progress_bar and progress is print else progress
            for outcome in _run(client, setup, tasks):
                row = rows[outcome.student]
                _record(course, assignment, notebook, outcome, manual, row)
                done += 1
                bar.update(1)
                say(_progress_line(done, n, row))
    ordered = [rows[sub.student] for sub in subs]
    for student in sorted(set(manual) - {r.student for r in ordered if r.score is not None}):
        progress(f"manual grades for {student} not applied: {student} was not graded in this run")
    _report(course, assignment, ordered, max_points, out, progress, plot)
    return ordered


class _NoBar:
    """Stands in for a tqdm bar when none is shown."""

    def update(self, n: int) -> None:
        """Nothing to draw."""


@contextlib.contextmanager
def _bar(total: int, show: bool) -> Iterator[object]:
    """A tqdm progress bar on stderr when ``show``, else a stand-in."""
    if not show:
        yield _NoBar()
        return
    from tqdm import tqdm

    with tqdm(total=total, unit="hand-in", file=sys.stderr, dynamic_ncols=True, leave=True) as bar:
        yield bar


def _report(course: Course, assignment: str, rows: list[GradeRow], max_points: Mapping[str, float],
            out: Path | str | None, progress: Progress, plot: bool) -> None:
    """Write grades.csv, questions.csv and grades.png, copy feedback, print the table."""
    columns = _cell_order(course, assignment, max_points)
    out_dir = Path(out) if out is not None else course.root
    csv_path = write_grades_csv(rows, columns, out_dir / "grades.csv")
    stats = question_stats(rows, dict(max_points), columns)
    questions = write_questions_csv(stats, out_dir / "questions.csv")
    figure = plot_grades(rows, stats, assignment, out_dir / "grades.png") if plot else None
    if out is not None:
        _copy_feedback(rows, out_dir / "feedback", course.root / "feedback")
    progress("")
    progress(format_table(rows, assignment))
    progress(f"\ngrades: {csv_path}\nper question: {questions}" + (f"\nplot: {figure}" if figure else "")
             + f"\nfeedback: {(out_dir / 'feedback').resolve()}/<student>/{assignment}/")


def _copy_feedback(rows: Iterable[GradeRow], dest: Path, feedback_root: Path) -> None:
    """Copy each graded student's feedback HTML to ``dest``, keeping nbgrader's layout."""
    for row in rows:
        if row.feedback is not None and row.feedback.is_file():
            target = dest / row.feedback.relative_to(feedback_root)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(row.feedback, target)


