"""Build releases and grade submissions through nbgrader's Python API.

``build`` wraps :meth:`NbGraderAPI.generate_assignment`; ``grade`` wraps
:meth:`NbGraderAPI.autograde` and :meth:`NbGraderAPI.generate_feedback`, then reads
the scores back from the :class:`nbgrader.api.Gradebook`, applies manual grades,
writes ``grades.csv`` and prints a table. Each nbgrader call returns ``success``,
``log`` and ``error``; the log is shown only when a call fails.

nbgrader gives 0 points to a test cell that raises *or writes to stderr* (a warning
counts). ``grade`` names such cells in its notes so that a zero is never a mystery.
"""

from __future__ import annotations

import contextlib
import csv
import os
import re
import shutil
import sys
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Mapping, Sequence

import nbformat
from nbgrader.api import Gradebook, MissingEntry
from sqlalchemy.exc import SAWarning

from .course import Course, CourseError
from .notebooks import graded_cells, nbgrader_meta

__all__ = [
    "BuildError",
    "Submission",
    "GradeRow",
    "build",
    "collect_submissions",
    "read_manual_grades",
    "grade",
    "write_grades_csv",
    "format_table",
]

Progress = Callable[[str], None]
ManualGrades = Mapping[str, Mapping[str, float]]

#: Student ids become folder names and gradebook keys: keep them plain.
SAFE_STUDENT_ID = re.compile(r"[A-Za-z0-9_.-]+")
#: Entries of a submissions folder that are never submissions.
IGNORED_ENTRIES = {"__MACOSX", ".ipynb_checkpoints", "Thumbs.db"}


class BuildError(Exception):
    """nbgrader could not generate a release; the message holds its log and the fix."""


# --------------------------------------------------------------------------- build


def _error_summary(result: Mapping[str, object]) -> str:
    """The last line of the traceback in an nbgrader API result ('' when none)."""
    error = str(result.get("error") or "").strip()
    return error.splitlines()[-1] if error else ""


def condense_log(log: str) -> tuple[str, list[str]]:
    """nbgrader's log without traceback frames, and the exception lines it holds.

    nbgrader logs each error with its traceback; the frame lines say little to an
    instructor, the final ``SomeError: message`` line says what to fix.
    """
    kept: list[str] = []
    exceptions: list[str] = []
    block: list[str] | None = None  # lines of the traceback being skipped
    prefix = ""  # the log-level tag of the record that holds the traceback

    def close_block() -> None:
        text = [line.strip() for line in block or [] if line.strip()]
        if text:
            exceptions.append(text[-1])
            kept.append(f"{prefix}{text[-1]}")

    for line in log.splitlines():
        if block is not None and line.startswith("["):
            close_block()
            block = None
        if "Traceback (most recent call last):" in line:
            block, prefix = [], line.split("Traceback")[0]
        elif block is not None:
            block.append(line)
        else:
            kept.append(line)
    close_block()
    return "\n".join(kept), exceptions


def _what_failed(result: Mapping[str, object]) -> str:
    """The most telling error of a failed nbgrader call: the first exception in its log
    (module path dropped), else its first [ERROR] line, else its traceback's last line."""
    log, exceptions = condense_log(str(result.get("log") or ""))
    if exceptions:
        name, sep, message = exceptions[0].partition(": ")
        return f"{name.rsplit('.', 1)[-1]}{sep}{message}"
    errors = [line.split("]", 1)[1].strip() for line in log.splitlines() if line.startswith("[ERROR]")]
    return (errors[0] if errors else _error_summary(result)) or "no reason given; rerun with -v"


#: Exceptions in nbgrader's log that come from the Python environment, not from a notebook.
ENVIRONMENT_ERROR = re.compile(
    r"(?:FileNotFoundError: \[Errno 2\] No such file or directory: '(?P<program>[^/\\']+)'"
    r"|ModuleNotFoundError|ImportError|NoSuchKernel|No such kernel)")


def environment_problem(result: Mapping[str, object]) -> str | None:
    """What is wrong with the Python environment when a failed nbgrader call says so
    (a program or module missing, no Jupyter kernel), with the fix; else ``None``."""
    _, exceptions = condense_log(str(result.get("log") or ""))
    for line in exceptions + [_error_summary(result)]:
        match = ENVIRONMENT_ERROR.search(line)
        if not match:
            continue
        program = match.group("program")
        found = (f"the program {program!r} is not on PATH" if program
                 else line.rsplit(".", 1)[-1] if line.startswith("nbgrader") else line)
        return (f"this is a problem with the Python environment, not with the notebooks: {found}. "
                f"Install the course into the Python that runs this command "
                f"({sys.executable} -m pip install -r requirements.txt), or run it with the "
                f"environment's own python")
    return None


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
                raise BuildError(f"nbgrader could not generate {name}: {_what_failed(result)}\n{environment}")
            raise BuildError(
                f"nbgrader could not generate {name}: {_what_failed(result)}\n"
                f"nbgrader's log (tracebacks shortened; -v shows them):\n"
                f"{condense_log(str(result.get('log') or '(empty)'))[0]}\n"
                f"Fix source/{name}/{name}.ipynb as the errors above say, "
                f"then run: python -m autograde build {name}"
            )
        written.append(course.release_notebook(name))
        progress(f"[{i}/{len(names)}] {name} -> release/{name}/ {time.perf_counter() - start:.1f} s")
    return written


# --------------------------------------------------------------------- submissions


@dataclass(frozen=True)
class Submission:
    """One student's hand-in, found in a submissions folder.

    ``notebook`` is the file to grade (``None`` when there is nothing to grade);
    ``problem`` says why it cannot be graded; ``note`` records a fix made on the
    way (a renamed notebook).
    """

    student: str
    notebook: Path | None
    problem: str | None = None
    note: str | None = None


def _is_ignored(path: Path) -> bool:
    """Hidden files, checkpoints and archive clutter."""
    return path.name.startswith(".") or path.name in IGNORED_ENTRIES


def _notebook_problem(path: Path) -> str | None:
    """Why ``path`` is not a valid notebook, or ``None`` when it is one."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # nbformat warns about missing cell ids etc.
            nb = nbformat.read(path, as_version=4)
            nbformat.validate(nb)
    except nbformat.reader.NotJSONError:
        return "not JSON"
    except nbformat.ValidationError as exc:
        return f"fails the notebook schema: {str(exc.message).splitlines()[0][:100]}"
    except UnicodeDecodeError:
        return "not UTF-8 text"
    except Exception as exc:  # nbformat raises many kinds for things that are not notebooks
        text = str(exc).splitlines()[0][:100] if str(exc) else ""
        return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
    return None


def _pick_notebook(student: str, folder: Path, assignment: str) -> Submission:
    """The notebook to grade in ``folder`` (``SUBMISSIONS/<student>/<assignment>/``)."""
    target = f"{assignment}.ipynb"
    notebooks = sorted(p for p in folder.glob("*.ipynb") if p.is_file() and not _is_ignored(p))
    if (folder / target).is_file():
        return Submission(student, folder / target)
    if len(notebooks) == 1:
        return Submission(student, notebooks[0], note=f"renamed {notebooks[0].name!r} to {target}")
    found = ", ".join(repr(p.name) for p in notebooks) or "none"
    return Submission(student, None, problem=(
        f"expected one notebook named {target} in {folder}, found {found}: "
        f"keep the one to grade as {folder / target}"))


def collect_submissions(folder: Path | str, assignment: str, warn: Progress = print) -> list[Submission]:
    """Find each student's notebook in ``folder``, sorted by student id.

    Accepted layouts: ``folder/<student>/<assignment>/*.ipynb`` (nbgrader's
    ``submitted/`` layout) and ``folder/<student>.ipynb``. A lone notebook under
    another name (``ps01_convolution (1).ipynb``) is graded as
    ``<assignment>.ipynb`` and noted. Every notebook is read and validated with
    nbformat; a student whose hand-in is unusable gets a :class:`Submission` with a
    ``problem`` and the others are unaffected. ``folder`` is only read.
    """
    folder = Path(folder)
    if folder.is_file():
        raise CourseError(f"{folder} is a file; SUBMISSIONS is a folder: put the notebook in one, as "
                          f"<folder>/<student>.ipynb, and pass the folder")
    if not folder.is_dir():
        raise CourseError(f"submissions folder {folder} does not exist (expected "
                          f"{folder}/<student>/{assignment}/{assignment}.ipynb or {folder}/<student>.ipynb)")
    found: dict[str, list[Submission]] = {}
    for entry in sorted(folder.iterdir()):
        if _is_ignored(entry):
            continue
        if entry.is_dir():
            student = entry.name
            sub_folder = entry / assignment
            sub = (_pick_notebook(student, sub_folder, assignment) if sub_folder.is_dir() else
                   Submission(student, None, problem=f"no folder {sub_folder} (expected "
                              f"{sub_folder / (assignment + '.ipynb')})"))
        elif entry.suffix == ".ipynb":
            student = entry.stem
            sub = Submission(student, entry)
        else:
            warn(f"ignored {entry} (neither a <student>/ folder nor a <student>.ipynb notebook)")
            continue
        found.setdefault(student, []).append(sub)
    if not found:
        raise CourseError(f"no submissions in {folder} (expected {folder}/<student>/{assignment}/"
                          f"{assignment}.ipynb or {folder}/<student>.ipynb)")
    return [_check(student, subs) for student, subs in sorted(found.items())]


def _check(student: str, subs: list[Submission]) -> Submission:
    """One valid submission for ``student``, or one that says what is wrong."""
    if not SAFE_STUDENT_ID.fullmatch(student) or student in {".", ".."}:
        return Submission(student, None, problem=(
            f"{student!r} is not a usable student id (letters, digits, '_', '-' and '.' only): "
            f"rename it, e.g. {re.sub(r'[^A-Za-z0-9_.-]+', '_', student).strip('_.') or 'student1'}"))
    if len(subs) > 1:
        return Submission(student, None, problem=(
            f"both a folder {student}/ and a notebook {student}.ipynb: keep one of them"))
    sub = subs[0]
    if sub.notebook is None:
        return sub
    problem = _notebook_problem(sub.notebook)
    if problem:
        return Submission(student, None, note=sub.note, problem=(
            f"{sub.notebook.name} is not a valid notebook ({problem}): "
            "ask the student to re-download the release and resubmit"))
    return sub


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


# ------------------------------------------------------------------------ grading


@dataclass
class GradeRow:
    """One student's result, as printed in the table and written to grades.csv.

    ``score`` is ``None`` when the student could not be graded (``problem`` says
    why). ``points`` maps each graded cell's ``grade_id`` to its points, ``None``
    while a manually graded cell is still ungraded. ``notes`` explain zeros that
    would otherwise surprise (stderr output, timeouts) and fixes made (renames).
    """

    student: str
    score: float | None = None
    max_score: float | None = None
    points: dict[str, float | None] = field(default_factory=dict)
    needs_manual_grading: bool | None = None
    problem: str | None = None
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0
    feedback: Path | None = None

    @property
    def graded(self) -> bool:
        """Whether the student got a score and feedback."""
        return self.score is not None and self.problem is None

    @property
    def ungraded_cells(self) -> list[str]:
        """Graded cells still waiting for a manual grade."""
        return [name for name, points in self.points.items() if points is None]


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


def _output_notes(autograded: Path, timeout: object) -> list[str]:
    """Why a graded code cell of the autograded notebook scored 0 when the reason is
    easy to miss: stderr output (nbgrader scores it 0) or a timeout."""
    if not autograded.is_file():
        return []
    notes = []
    for cell in graded_cells(nbformat.read(autograded, as_version=4)):
        if cell.cell_type != "code" or nbgrader_meta(cell).get("solution"):
            continue
        name = nbgrader_meta(cell).get("grade_id", "?")
        errors = [o for o in cell.outputs if o.output_type == "error"]
        if any(o.get("ename") == "CellTimeoutError" for o in errors):
            notes.append(f"{name}: timed out after {timeout} s")
        elif not errors and any(o.output_type == "stream" and o.get("name") == "stderr" for o in cell.outputs):
            notes.append(f"{name}: 0 points because it wrote to stderr (nbgrader scores that 0)")
    return notes


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


def _grade_one(course: Course, assignment: str, notebook: str, sub: Submission,
               manual: ManualGrades) -> GradeRow:
    """Autograde one valid submission, apply its manual grades, generate its feedback."""
    row = GradeRow(sub.student, notes=[sub.note] if sub.note else [])
    start = time.perf_counter()
    try:
        _place_submission(course, assignment, sub)
    except CourseError as exc:
        row.problem = str(exc)
        return row
    with warnings.catch_warnings():
        # nbgrader's gradebook code trips SQLAlchemy's "not in session" SAWarning when
        # it re-creates a submission; it is harmless and says nothing about the grade.
        warnings.filterwarnings("ignore", category=SAWarning)
        result = course.api.autograde(assignment, sub.student, force=True, create=True)
    if not result.get("success"):
        environment = environment_problem(result)
        row.problem = f"nbgrader autograde failed: {_what_failed(result)}" + (f"; {environment}" if environment else "")
        row.seconds = time.perf_counter() - start
        return row
    with course.gradebook() as gb:
        if sub.student in manual:
            _apply_manual_grades(gb, assignment, notebook, sub.student, manual[sub.student])
        _read_scores(gb, assignment, sub.student, row)
    autograded = course.root / "autograded" / sub.student / assignment / f"{notebook}.ipynb"
    row.notes += _output_notes(autograded, course.cell_timeout)
    result = course.api.generate_feedback(assignment, sub.student)
    if result.get("success"):
        row.feedback = course.root / "feedback" / sub.student / assignment / f"{notebook}.html"
    else:
        row.problem = f"nbgrader generate_feedback failed: {_what_failed(result)}"
    row.seconds = time.perf_counter() - start
    return row


def _progress_line(i: int, n: int, row: GradeRow) -> str:
    """``[2/3] alice 87.5/100 12.4 s`` (or the reason a student was not graded)."""
    if row.score is None:
        return f"[{i}/{n}] {row.student} NOT GRADED: {row.problem}"
    text = f"[{i}/{n}] {row.student} {row.score:g}/{row.max_score:g} {row.seconds:.1f} s"
    extras = row.notes + ([row.problem] if row.problem else [])
    return text + "".join(f"\n      {note}" for note in extras)



@contextlib.contextmanager
def kernel_threads(threads: int = 1):
    """Let each grading kernel use ``threads`` CPU threads unless ``OMP_NUM_THREADS`` is set.

    The course's tensors are small; several threads per kernel only fight over a
    small machine's cores (measured: a 500-step kernel fit takes 0.05 s on one
    thread and 2-8 s on two threads of a busy 2-core machine).
    """
    if "OMP_NUM_THREADS" in os.environ:
        yield
        return
    os.environ["OMP_NUM_THREADS"] = str(threads)
    try:
        yield
    finally:
        os.environ.pop("OMP_NUM_THREADS", None)


def _grade_or_report(course: Course, assignment: str, notebook: str, sub: Submission,
                     manual: ManualGrades) -> GradeRow:
    """Grade one submission; a hand-in that cannot be graded becomes a row saying why."""
    if sub.notebook is None or sub.problem:
        return GradeRow(sub.student, problem=sub.problem, notes=[sub.note] if sub.note else [])
    try:
        return _grade_one(course, assignment, notebook, sub, manual)
    except Exception as exc:  # one broken hand-in must not stop the others
        return GradeRow(sub.student, problem=f"grading crashed: {type(exc).__name__}: {exc}; "
                                             "rerun with -v to see nbgrader's log")

def grade(course: Course, assignment: str, submissions: Path | str | Sequence[Submission],
          out: Path | str | None = None, manual_grades: ManualGrades | Path | str | None = None,
          progress: Progress = print) -> list[GradeRow]:
    """Autograde every submission of ``assignment`` and report the grades.

    ``submissions`` is a folder (see :func:`collect_submissions`) or submissions
    already collected. Each valid one is copied to ``submitted/<student>/<assignment>/``
    and graded with nbgrader's ``autograde`` and ``generate_feedback``; a line per
    student is printed as it finishes. ``manual_grades`` (a mapping or a CSV with
    ``student_id,grade_id,points``) sets the points of manually graded cells.
    ``grades.csv`` and a copy of the feedback HTML go to ``out`` (default: the course
    folder, whose ``feedback/`` nbgrader already fills). Returns one row per student.
    """
    manual: ManualGrades = (read_manual_grades(manual_grades) if isinstance(manual_grades, (str, Path))
                            else manual_grades or {})
    with course.gradebook() as gb:
        notebook, max_points = _gradebook_cells(gb, assignment)
    _check_manual_grades(manual, max_points, assignment)
    subs = (collect_submissions(submissions, assignment, warn=progress)
            if isinstance(submissions, (str, Path)) else list(submissions))
    rows = []
    with kernel_threads():
        for i, sub in enumerate(subs, 1):
            rows.append(_grade_or_report(course, assignment, notebook, sub, manual))
            progress(_progress_line(i, len(subs), rows[-1]))
    for student in sorted(set(manual) - {r.student for r in rows if r.score is not None}):
        progress(f"manual grades for {student} not applied: {student} was not graded in this run")
    columns = _cell_order(course, assignment, max_points)
    out_dir = Path(out) if out is not None else course.root
    csv_path = write_grades_csv(rows, columns, out_dir / "grades.csv")
    if out is not None:
        _copy_feedback(rows, out_dir / "feedback", course.root / "feedback")
    progress("")
    progress(format_table(rows, assignment))
    progress(f"\ngrades: {csv_path}\nfeedback: {(out_dir / 'feedback').resolve()}/<student>/{assignment}/")
    return rows


def _copy_feedback(rows: Iterable[GradeRow], dest: Path, feedback_root: Path) -> None:
    """Copy each graded student's feedback HTML to ``dest``, keeping nbgrader's layout."""
    for row in rows:
        if row.feedback is not None and row.feedback.is_file():
            target = dest / row.feedback.relative_to(feedback_root)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(row.feedback, target)


# ---------------------------------------------------------------------- reporting


def _number(value: float | None) -> str:
    """``2`` for 2.0, ``87.5`` for 87.5, empty for ``None``."""
    return "" if value is None else f"{value:g}"


def write_grades_csv(rows: Iterable[GradeRow], columns: Sequence[str], path: Path) -> Path:
    """Write ``student_id, score, max_score, <grade_id>..., needs_manual_grading`` to ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["student_id", "score", "max_score", *columns, "needs_manual_grading"])
        for row in rows:
            graded = row.score is not None
            writer.writerow([
                row.student, _number(row.score), _number(row.max_score),
                *(_number(row.points.get(name)) for name in columns),
                str(bool(row.needs_manual_grading)) if graded else "",
            ])
    return path.resolve()


def format_table(rows: Sequence[GradeRow], title: str) -> str:
    """A plain-text table: student, score, manual grading still to do, notes."""
    header = ("student", "score", "to grade by hand", "notes")
    lines = []
    for row in rows:
        score = "not graded" if row.score is None else f"{_number(row.score)}/{_number(row.max_score)}"
        todo = ", ".join(row.ungraded_cells) if row.score is not None else ""
        notes = "; ".join(row.notes + ([row.problem] if row.problem else []))
        lines.append((row.student, score, todo or ("-" if row.score is not None else ""), notes))
    widths = [max(len(r[i]) for r in [header, *lines]) for i in range(3)]
    fmt = "  ".join(f"{{:<{w}}}" for w in widths) + "  {}"
    body = [fmt.format(*header).rstrip(), fmt.format(*("-" * w for w in widths), "-----")]
    body += [fmt.format(*line).rstrip() for line in lines]
    graded = sum(r.graded for r in rows)
    return f"{title}: {graded} of {len(rows)} graded\n" + "\n".join(body)
