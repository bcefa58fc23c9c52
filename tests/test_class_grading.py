"""A class's worth of hand-ins, faulty and adversarial ones among them, graded in one
batch on 2 workers (in the sandbox where bubblewrap runs).

The corpus is built from the real ps02 (the quickest assignment to execute): three
copies of the reference (the same hand-in graded three times must score the same),
the blank release, and at least 15 faulty hand-ins, one per way a real batch goes
wrong: corrupt or non-notebook files, nbgrader metadata stripped or altered (schema
version, grade ids, cell types), a deleted or duplicated test cell, a renamed or
ambiguous notebook, an endless loop, a kernel killed by ``os._exit`` or a segfault, a
MemoryError, a flood of output, a harmless warning, late and on-time hand-ins. Every
student's score and status is asserted: a faulty hand-in keeps the points its code
earned, and every other student is graded as if it were not there.

The same batch holds the adversarial class of ``tests/adversarial.py`` (issue 13):
tricks that try to talk the grader into points gain nothing and are flagged, and
nothing outside a hand-in's copy is read or written. One batch, not two: grading is
most of the suite's time, and one batch needs one course build and one cluster.
"""

from __future__ import annotations

import copy
import csv
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import nbformat
import pytest
from nbgrader.api import Gradebook

from autograde.course import load_course
from autograde.demo import scratch_course
from autograde.notebooks import nbgrader_meta, reference_submission
from autograde.pipeline import build, grade
from autograde.sandbox import bwrap_available
from tests import adversarial
from tests.adversarial import BASE, LOOT, PREFIX, TRICKS
from tests.assignments import ROOT, exercises, read_source
from tests.conftest import missing_tool
from tests.test_autograde import tree_digest

pytestmark = pytest.mark.slow

PS02 = "ps02_stride_padding"
#: Seconds a cell may run in this course copy: the endless loop costs this much.
TIMEOUT = 20
DUE = "2026-11-01 00:00:00"

SOURCE = read_source(PS02)
#: Points of every autograded test cell, and of the tests of the first and last answers.
TEST_POINTS = {nbgrader_meta(c)["grade_id"]: float(nbgrader_meta(c)["points"]) for c in SOURCE.cells
               if nbgrader_meta(c).get("grade") and not nbgrader_meta(c).get("solution")}
FULL = sum(TEST_POINTS.values())
FIRST, LAST = exercises(SOURCE)[0], exercises(SOURCE)[-1]
FIRST_POINTS = sum(TEST_POINTS[name] for name, _ in FIRST.tests)
LAST_POINTS = sum(TEST_POINTS[name] for name, _ in LAST.tests)


def _reference() -> nbformat.NotebookNode:
    return reference_submission(SOURCE)


def _cell(nb: nbformat.NotebookNode, grade_id: str) -> nbformat.NotebookNode:
    return next(c for c in nb.cells if nbgrader_meta(c).get("grade_id") == grade_id)


def _with_answer(grade_id: str, before: str = "", after: str = "") -> Callable[[], nbformat.NotebookNode]:
    """The reference with code put before or after the answer cell ``grade_id``'s own."""
    def make() -> nbformat.NotebookNode:
        nb = _reference()
        cell = _cell(nb, grade_id)
        cell.source = before + cell.source + after
        return nb
    return make


def _metadata(change: Callable[[nbformat.NotebookNode], None]) -> Callable[[], nbformat.NotebookNode]:
    def make() -> nbformat.NotebookNode:
        nb = _reference()
        change(nb)
        return nb
    return make


def _strip(nb):
    for c in nb.cells:
        c.metadata.pop("nbgrader", None)


def _old_schema(nb):
    for c in nb.cells:
        if "nbgrader" in c.metadata:
            c.metadata["nbgrader"]["schema_version"] = 1


def _renamed_ids(nb):
    for c in nb.cells:
        if "grade_id" in c.metadata.get("nbgrader", {}):
            c.metadata["nbgrader"]["grade_id"] = "cell-" + c.metadata["nbgrader"]["grade_id"][::-1]


def _cell_types(nb):
    test = _cell(nb, LAST.tests[0][0])
    test.cell_type = "markdown"
    del test["outputs"], test["execution_count"]
    answer = _cell(nb, FIRST.grade_id)
    answer.cell_type = "raw"
    del answer["outputs"], answer["execution_count"]


def _delete_test(nb):
    nb.cells.remove(_cell(nb, FIRST.tests[0][0]))


def _duplicate_test(nb):
    test = _cell(nb, LAST.tests[0][0])
    twin = copy.deepcopy(test)
    twin["id"] = "pasted-twin"
    nb.cells.insert(nb.cells.index(test) + 1, twin)


@dataclass(frozen=True)
class Case:
    """A hand-in of the corpus and what grading it must give."""

    make: Callable[[], nbformat.NotebookNode] | bytes | None
    score: float | None
    status: str
    layout: str = "flat"  # flat: <student>.ipynb; folder: <student>/ps02/<file>
    file_name: str = f"{PS02}.ipynb"
    timestamp: str | None = None


CORPUS: dict[str, Case] = {
    "correct_1": Case(_reference, FULL, "ok"),
    "correct_2": Case(_reference, FULL, "ok", layout="folder"),
    "correct_3": Case(_reference, FULL, "ok"),
    "blank": Case(lambda: nbformat.read(ROOT / "release" / PS02 / f"{PS02}.ipynb", as_version=4), 0, "ok"),
    # not notebooks at all
    "corrupt_json": Case(b'{"cells": [{"cell_type": "code", "source": "x = ', None, "invalid"),
    "not_a_notebook": Case(b'{"answer": 42}', None, "invalid"),
    "empty_file": Case(b"", None, "invalid"),
    "two_notebooks": Case(None, None, "missing", layout="folder"),
    # nbgrader metadata lost or altered: repaired from the release, full points
    "stripped_metadata": Case(_metadata(_strip), FULL, "repaired"),
    "old_schema": Case(_metadata(_old_schema), FULL, "repaired"),
    "renamed_grade_ids": Case(_metadata(_renamed_ids), FULL, "repaired"),
    "changed_cell_types": Case(_metadata(_cell_types), FULL, "repaired"),
    "deleted_test_cell": Case(_metadata(_delete_test), FULL, "repaired"),
    "duplicated_test_cell": Case(_metadata(_duplicate_test), FULL, "repaired"),
    "renamed_notebook": Case(_reference, FULL, "renamed", layout="folder", file_name="ps02 (1).ipynb"),
    # code that breaks the kernel: only the broken answer's tests lose points
    "endless_loop": Case(_with_answer(LAST.grade_id, before="while True:\n    pass\n"),
                         FULL - LAST_POINTS, "timeout"),
    "os_exit": Case(_with_answer(LAST.grade_id, after="\nimport os\nos._exit(1)\n"),
                    FULL - LAST_POINTS, "kernel_died"),
    "segfault": Case(_with_answer(FIRST.grade_id, after="\nimport ctypes\nctypes.string_at(0)\n"),
                     FULL - FIRST_POINTS, "kernel_died"),
    "memory_error": Case(_with_answer(LAST.grade_id, before="hoard = bytearray(10**15)\n"),
                         FULL - LAST_POINTS, "memory_error"),
    "output_flood": Case(_with_answer(FIRST.grade_id, after="\nfor i in range(200_000):\n    print(i)\n"),
                         FULL, "output_truncated"),
    "harmless_warning": Case(_with_answer("conv_output_size", before="import warnings\n",
                                          after="\n_size = conv_output_size\n"
                                                "def conv_output_size(*args, **kwargs):\n"
                                                "    warnings.warn('conv_output_size was called')\n"
                                                "    return _size(*args, **kwargs)\n"), FULL, "ok"),
    "late": Case(_reference, FULL, "late", layout="folder", timestamp="2026-11-02 12:30:00"),
    "on_time": Case(_reference, FULL, "ok", layout="folder", timestamp="2026-10-31 23:00:00"),
}


def write_corpus(folder: Path) -> None:
    """Write every hand-in of :data:`CORPUS` under ``folder``."""
    for student, case in CORPUS.items():
        target = (folder / f"{student}.ipynb" if case.layout == "flat"
                  else folder / student / PS02 / case.file_name)
        target.parent.mkdir(parents=True, exist_ok=True)
        if case.make is None:  # two notebooks, neither named ps02_stride_padding.ipynb
            nbformat.write(_reference(), target.parent / "draft.ipynb")
            nbformat.write(_reference(), target.parent / "final.ipynb")
        elif isinstance(case.make, bytes):
            target.write_bytes(case.make)
        else:
            nbformat.write(case.make(), target)
        if case.timestamp:
            (target.parent / "timestamp.txt").write_text(case.timestamp)


@dataclass
class Batch:
    course: object
    rows: dict
    printed: list[str]
    hand_ins: Path
    digests: dict[str, tuple[dict[str, str], dict[str, str]]]  # folder -> (before, after)
    tricks: list[str]  # the adversarial hand-ins' student ids
    sandbox_missing: str | None  # why the batch was graded without the sandbox


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Batch:
    """The corpus and the adversarial class graded once, in one batch, on 2 workers, in a
    copy of the course (in the sandbox, where bubblewrap can run)."""
    folder = tmp_path_factory.mktemp("class") / "course"
    folder.mkdir()
    scratch_course(folder, ROOT)
    config = folder / "nbgrader_config.py"  # also what a trick that hangs a cell costs at most
    config.write_text(config.read_text() + f"\nc.ExecutePreprocessor.timeout = {TIMEOUT}\n")
    course = load_course(folder, db_url=f"sqlite:///{folder / 'gradebook.db'}")
    build(course, [PS02], progress=lambda line: None)
    with Gradebook(course.db_url, course.course_id) as gb:
        gb.update_or_create_assignment(PS02, duedate=DUE)
    hand_ins = folder.parent / "hand-ins"
    write_corpus(hand_ins)
    tricks = adversarial.write_tricks(hand_ins, folder)
    watched = {"source": folder / "source", "release": folder / "release", "hand-ins": hand_ins}
    before = {name: tree_digest(path) for name, path in watched.items()}
    printed: list[str] = []
    sandbox_missing = bwrap_available()
    rows = grade(course, PS02, hand_ins, workers=2, progress=printed.append, sandbox=not sandbox_missing)
    digests = {name: (before[name], tree_digest(path)) for name, path in watched.items()}
    return Batch(course, {row.student: row for row in rows}, printed, hand_ins, digests, tricks, sandbox_missing)


def test_corpus_is_a_class(batch: Batch):
    """Does the corpus hold at least 15 faulty hand-ins next to correct and blank ones,
    every one of them in the report?"""
    faulty = [s for s in CORPUS if not s.startswith("correct") and s != "blank"]
    assert len(faulty) >= 15
    assert set(batch.rows) == set(CORPUS) | set(batch.tricks)


@pytest.mark.parametrize("student", sorted(CORPUS))
def test_score_and_status(batch: Batch, student: str):
    """Does each hand-in get exactly the autograded points its code earned, and the status
    that says what happened to it?"""
    row, case = batch.rows[student], CORPUS[student]
    assert row.status == case.status, (row.status, row.notes, row.problem)
    if case.score is None:
        assert row.score is None and row.problem
    else:
        autograded = sum(points or 0 for name, points in row.points.items() if name in TEST_POINTS)
        assert autograded == case.score, (row.points, row.notes)
        assert row.max_score == 100


def test_same_hand_in_same_grade(batch: Batch):
    """Do three copies of one hand-in, graded side by side, get identical points per cell?"""
    points = [batch.rows[f"correct_{i}"].points for i in (1, 2, 3)]
    assert points[0] == points[1] == points[2]


def test_gradebook_holds_every_grade(batch: Batch):
    """Does the course gradebook hold, for every graded student, the score in the report
    (no grade lost or mixed up between workers)?"""
    with Gradebook(batch.course.db_url, batch.course.course_id) as gb:
        for student, row in batch.rows.items():
            if row.score is None:
                continue
            assert gb.find_submission(PS02, student).score == pytest.approx(row.score), student


def test_late_hand_in_is_recorded_late(batch: Batch):
    """Is the late hand-in's time in the gradebook, and its lateness in the notes?"""
    with Gradebook(batch.course.db_url, batch.course.course_id) as gb:
        late = gb.find_submission(PS02, "late")
        assert late.total_seconds_late == pytest.approx(36.5 * 3600)
        assert gb.find_submission(PS02, "on_time").total_seconds_late == 0
    assert "late by 36 h 30 min" in batch.rows["late"].notes


def test_outputs(batch: Batch):
    """Are grades.csv (with status), questions.csv, grades.png and a feedback page per
    graded student written, and the hand-ins folder left as it was?"""
    root = batch.course.root
    with (root / "grades.csv").open(newline="") as handle:
        table = {row["student_id"]: row for row in csv.DictReader(handle)}
    assert set(table) == set(batch.rows)
    assert all(table[s]["status"] == CORPUS[s].status for s in CORPUS)
    with (root / "questions.csv").open(newline="") as handle:
        questions = {row["grade_id"]: row for row in csv.DictReader(handle)}
    assert set(TEST_POINTS) <= set(questions)
    graded = [r for r in batch.rows.values() if r.score is not None]
    last = LAST.tests[0][0]
    full = sum(1 for r in graded if r.points.get(last) == TEST_POINTS[last])
    assert int(questions[last]["full_marks"]) == full
    assert float(questions[last]["pass_rate"]) == pytest.approx(full / len(graded), abs=1e-3)
    assert (root / "grades.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    for row in graded:
        assert (root / "feedback" / row.student / PS02 / f"{PS02}.html").is_file(), row.student


def test_progress_and_summary(batch: Batch):
    """Is there a progress line per student and a summary with the status counts?"""
    lines = [line for line in batch.printed if line.startswith("[")]
    assert len(lines) == len(batch.rows)
    text = "\n".join(batch.printed)
    assert "status: " in text and "repaired 6" in text
    assert "database is locked" not in text


# The adversarial class (tests/adversarial.py).

@pytest.fixture
def sandboxed(batch: Batch) -> Batch:
    """The batch, which must have been graded in the sandbox for these tests."""
    if batch.sandbox_missing:
        missing_tool(f"the adversarial class is graded in the sandbox: {batch.sandbox_missing}")
    return batch


def test_tricks_cover_every_vector_several_ways():
    """At least 25 tricks, and at least two of each kind the issue names."""
    kinds = [kind for _, kind in TRICKS.values()]
    assert len(TRICKS) >= 25
    for kind in ("patches_library", "shadows_name", "edits_sys_modules", "ipython_hooks", "exception_handler",
                 "overrides_comparison", "reads_outside"):
        assert kinds.count(kind) >= 2, kind


def test_reference_scores_full_marks_in_the_sandbox(sandboxed: Batch):
    """Do the reference's copies, graded in the sandbox beside the tricks, keep every point?"""
    for student in ("correct_1", "correct_2", "correct_3"):
        row = sandboxed.rows[student]
        assert row.score == adversarial.AUTOGRADED and row.status == "ok", (row.score, row.status, row.notes)


def test_base_loses_the_points_of_its_wrong_answers(sandboxed: Batch):
    base = sandboxed.rows[BASE]
    assert 0 < base.score < adversarial.AUTOGRADED - 10 and "tampering" not in base.flags, (base.score, base.notes)


@pytest.mark.parametrize("trick", sorted(TRICKS))
def test_trick_gains_nothing_and_is_flagged(sandboxed: Batch, trick: str):
    row, base = sandboxed.rows[PREFIX + trick], sandboxed.rows[BASE]
    assert row.score == base.score, (f"{trick}: {row.score} vs the base's {base.score}", row.notes)
    assert "tampering" in row.flags, row.notes
    assert TRICKS[trick][1] in " ".join(row.notes), row.notes


def test_grader_and_other_students_untouched(sandboxed: Batch):
    """Nothing outside a hand-in's scratch copy was written or changed, and no trick read
    what it must not."""
    for name, (before, after) in sandboxed.digests.items():
        changed = sorted(path for path in before.keys() | after.keys() if before.get(path) != after.get(path))
        assert not changed, f"{name} changed while the class was graded: {changed[:10]}"
    assert not Path(LOOT.replace("{course}", str(sandboxed.course.root))).exists()
    for student in sandboxed.tricks:
        autograded = sandboxed.course.root / "autograded" / student / PS02 / f"{PS02}.ipynb"
        outputs = [str(output) for cell in nbformat.read(autograded, as_version=4).cells
                   for output in cell.get("outputs", [])]
        assert "LEAKED" not in " ".join(outputs), f"{student} read outside its hand-in"
