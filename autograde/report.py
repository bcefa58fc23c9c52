"""What an instructor reads after grading: rows, CSV files, a table, a plot.

* ``grades.csv``: one row per student: ``student_id, score, max_score``, the points of
  every graded cell, ``needs_manual_grading``, ``status``.
* ``questions.csv``: one row per graded cell: its points, how many students were
  scored on it, the mean, how many got full and zero points, the pass rate.
* ``grades.png``: the score histogram beside the pass rate of every question.
* :func:`format_table`: the terminal table and a one-line summary.

A row's ``status`` is ``ok`` or the comma-separated flags of what happened on the way
(:data:`FLAGS`); a student who could not be graded has ``missing``, ``invalid``,
``bad_id`` or ``error`` and no score.
"""

from __future__ import annotations

import csv
import statistics
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

import nbformat

from .execute import KERNEL_DIED, NOT_RUN
from .notebooks import is_test_cell, nbgrader_meta

__all__ = ["GradeRow", "FLAGS", "cell_flags", "write_grades_csv", "write_questions_csv", "question_stats",
           "format_table", "pass_rate_bars", "plot_grades"]

#: Flags a graded row can carry, and what each means (README and ``--help`` show them).
FLAGS = {
    "repaired": "nbgrader metadata or test cells the hand-in had lost were put back from the release",
    "renamed": "the notebook had another file name",
    "late": "handed in after the due date (nbgrader's late penalty applied, if configured)",
    "kernel_died": "the kernel died in a cell; later cells ran in a fresh kernel",
    "timeout": "a cell ran past the time limit and was interrupted",
    "memory_error": "a cell ran out of memory (MemoryError)",
    "output_truncated": "a cell printed more than nbgrader keeps (LimitOutput)",
    "stderr": "a test cell scored 0 because it wrote to stderr",
    "tampering": "the hand-in's code could change a test's verdict (patches a library, hooks "
                 "IPython, reads outside its folder, ...; autograde.tamper): review it by hand",
}


@dataclass
class GradeRow:
    """One student's result, as printed in the table and written to grades.csv.

    ``score`` is ``None`` when the student could not be graded (``problem`` says
    why, ``failure`` names the case). ``points`` maps each graded cell's ``grade_id``
    to its points, ``None`` while a manually graded cell is still ungraded. ``flags``
    (see :data:`FLAGS`) and ``notes`` explain what happened on the way.
    """

    student: str
    score: float | None = None
    max_score: float | None = None
    points: dict[str, float | None] = field(default_factory=dict)
    needs_manual_grading: bool | None = None
    problem: str | None = None
    notes: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    failure: str = ""
    seconds: float = 0.0
    feedback: Path | None = None

    @property
    def graded(self) -> bool:
        """Whether the student got a score and feedback."""
        return self.score is not None and self.problem is None

    @property
    def status(self) -> str:
        """``ok``, the row's flags, or why it has no score."""
        if self.score is None:
            return self.failure or "error"
        return ",".join(dict.fromkeys(self.flags)) or ("error" if self.problem else "ok")

    @property
    def ungraded_cells(self) -> list[str]:
        """Graded cells still waiting for a manual grade."""
        return [name for name, points in self.points.items() if points is None]

    def flag(self, name: str, note: str | None = None) -> None:
        """Add flag ``name`` (once) and, if given, a note."""
        if name not in self.flags:
            self.flags.append(name)
        if note:
            self.notes.append(note)


def cell_flags(autograded: bytes | str | Path, timeout: object) -> list[tuple[str, str]]:
    """``(flag, note)`` for each graded code cell of an autograded notebook whose result
    needs a word: the kernel died, a timeout, a MemoryError, truncated output, stderr."""
    if isinstance(autograded, Path):
        autograded = autograded.read_bytes()
    nb = nbformat.reads(autograded.decode() if isinstance(autograded, bytes) else autograded, as_version=4)
    found: list[tuple[str, str]] = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        meta = nbgrader_meta(cell)
        name = meta.get("grade_id") or f"cell {index + 1}"
        errors = {o.get("ename") for o in cell.outputs if o.output_type == "error"}
        if KERNEL_DIED in errors:
            found.append(("kernel_died", f"{name}: the kernel died in this cell; later cells ran in a fresh kernel"))
        if NOT_RUN in errors and meta.get("grade"):
            found.append(("kernel_died", f"{name}: not run, the kernel had died too often"))
        if "CellTimeoutError" in errors:
            found.append(("timeout", f"{name}: timed out after {timeout} s"))
        if "MemoryError" in errors:
            found.append(("memory_error", f"{name}: MemoryError"))
        if any(o.output_type == "stream" and "... Output truncated ..." in o.get("text", "") for o in cell.outputs):
            found.append(("output_truncated", f"{name}: output truncated"))
        if is_test_cell(cell) and not errors and any(o.output_type == "stream" and o.get("name") == "stderr"
                                          for o in cell.outputs):
            found.append(("stderr", f"{name}: 0 points because it wrote to stderr (nbgrader scores that 0)"))
    return found


def _number(value: float | None) -> str:
    """``2`` for 2.0, ``87.5`` for 87.5, empty for ``None``."""
    return "" if value is None else f"{value:g}"


def write_grades_csv(rows: Iterable[GradeRow], columns: Sequence[str], path: Path) -> Path:
    """Write ``student_id, score, max_score, <grade_id>..., needs_manual_grading, status``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["student_id", "score", "max_score", *columns, "needs_manual_grading", "status"])
        for row in rows:
            graded = row.score is not None
            writer.writerow([
                row.student, _number(row.score), _number(row.max_score),
                *(_number(row.points.get(name)) for name in columns),
                str(bool(row.needs_manual_grading)) if graded else "", row.status,
            ])
    return path.resolve()


@dataclass(frozen=True)
class QuestionStats:
    """How the class did on one graded cell."""

    grade_id: str
    max_points: float
    scored: int
    mean: float | None
    full_marks: int
    zero: int

    @property
    def pass_rate(self) -> float | None:
        """Share of the scored students with full points."""
        return self.full_marks / self.scored if self.scored else None


def question_stats(rows: Sequence[GradeRow], max_points: dict[str, float], columns: Sequence[str]) -> list[QuestionStats]:
    """:class:`QuestionStats` for each graded cell, in ``columns`` order (ungraded
    students and manual cells still ungraded left out)."""
    stats = []
    for name in columns:
        scores = [row.points[name] for row in rows if row.score is not None and row.points.get(name) is not None]
        top = max_points[name]
        stats.append(QuestionStats(name, top, len(scores), statistics.fmean(scores) if scores else None,
                                   sum(s >= top for s in scores), sum(s <= 0 for s in scores)))
    return stats


def write_questions_csv(stats: Sequence[QuestionStats], path: Path) -> Path:
    """Write ``grade_id, max_points, scored, mean_points, full_marks, zero_points, pass_rate``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["grade_id", "max_points", "scored", "mean_points", "full_marks", "zero_points", "pass_rate"])
        for q in stats:
            writer.writerow([q.grade_id, _number(q.max_points), q.scored,
                             "" if q.mean is None else f"{q.mean:.3g}", q.full_marks, q.zero,
                             "" if q.pass_rate is None else f"{q.pass_rate:.3f}"])
    return path.resolve()


def pass_rate_bars(stats: Sequence[QuestionStats], graded: int) -> list[tuple[str, float]]:
    """``(label, percent with full points)`` per question for the plot of ``graded``
    students. A question only some of them have points for (a written answer waiting
    for a person; nbgrader gives 0 at once to one left blank) says how many, and one
    nobody has points for yet says so, with no bar: neither reads as a question the
    class failed."""
    def label(q: QuestionStats) -> str:
        if not q.scored:
            return f"{q.grade_id} (not graded yet)"
        return q.grade_id if q.scored >= graded else f"{q.grade_id} ({q.scored} of {graded} graded)"

    return [(label(q), 100 * (q.pass_rate or 0.0)) for q in stats]


def plot_grades(rows: Sequence[GradeRow], stats: Sequence[QuestionStats], title: str, path: Path) -> Path:
    """Save the score histogram and each question's pass rate side by side as a PNG."""
    from matplotlib.figure import Figure  # no pyplot: no global state, safe beside other threads

    scores = [row.score for row in rows if row.score is not None]
    top = max((row.max_score or 0 for row in rows), default=0) or 100
    fig = Figure(figsize=(11, max(3.5, 0.28 * len(stats) + 1.2)))
    left, right = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1, 1.2]})
    left.hist(scores, bins=[top * i / 10 for i in range(11)], color="#4878a8", edgecolor="white")
    left.set(xlabel=f"score (of {top:g})", ylabel="students", xlim=(0, top),
             title=f"{len(scores)} graded" + (f", median {statistics.median(scores):g}" if scores else ""))
    bars = pass_rate_bars(stats, len(scores))[::-1]  # the first question at the top
    rates = [rate for _, rate in bars]
    right.barh([label for label, _ in bars], rates, color=["#c44e52" if r < 50 else "#55a868" for r in rates])
    right.set(xlabel="students with full points (%)", xlim=(0, 100), title="per question")
    right.tick_params(axis="y", labelsize=8)
    fig.suptitle(title)
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=100)
    return path.resolve()


def summary_line(rows: Sequence[GradeRow]) -> str:
    """``mean 71.5, median 74 of 100 over 17 graded; status: ok 12, kernel_died 1, ...``."""
    scores = [row.score for row in rows if row.score is not None]
    counts: dict[str, int] = {}
    for row in rows:
        for part in row.status.split(","):
            counts[part] = counts.get(part, 0) + 1
    status = ", ".join(f"{name} {n}" for name, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
    if not scores:
        return f"no student graded; status: {status}"
    top = max(row.max_score or 0 for row in rows)
    return (f"mean {statistics.fmean(scores):.1f}, median {statistics.median(scores):g} of {top:g} "
            f"over {len(scores)} graded; status: {status}")


def format_table(rows: Sequence[GradeRow], title: str) -> str:
    """A plain-text table: student, score, status, manual grading still to do, notes."""
    header = ("student", "score", "status", "to grade by hand", "notes")
    lines = []
    for row in rows:
        score = "not graded" if row.score is None else f"{_number(row.score)}/{_number(row.max_score)}"
        todo = ", ".join(row.ungraded_cells) if row.score is not None else ""
        notes = "; ".join(row.notes + ([row.problem] if row.problem else []))
        lines.append((row.student, score, row.status, todo or ("-" if row.score is not None else ""), notes))
    widths = [max(len(r[i]) for r in [header, *lines]) for i in range(4)]
    fmt = "  ".join(f"{{:<{w}}}" for w in widths) + "  {}"
    body = [fmt.format(*header).rstrip(), fmt.format(*("-" * w for w in widths), "-----")]
    body += [fmt.format(*line).rstrip() for line in lines]
    graded = sum(r.graded for r in rows)
    return f"{title}: {graded} of {len(rows)} graded\n" + "\n".join(body) + "\n" + summary_line(rows)
