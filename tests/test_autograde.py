"""Tests of the ``autograde`` package against a tiny assignment, ``toy``, built in a temp folder.

One module-scoped course is built and graded once (real nbgrader autograde, a few
seconds); most tests read its results. Each docstring asks the question the test answers.
"""

from __future__ import annotations

import copy
import csv
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from autograde.cli import main, make_parser
from autograde.course import REPO_ROOT, CourseError, default_root, load_course
from autograde.notebooks import (answer_cell_for, functions_in, graded_cells, reference_submission,
                                 splice)
from autograde.pipeline import BuildError, GradeRow, build, collect_submissions, grade

# ------------------------------------------------------------------ the toy course
# ``toy`` has what every real assignment has, at the smallest size: an answer cell
# (``def square(x)``), a test cell worth 2 points with a hidden part, and a manually
# graded written answer worth 1 point, all with real nbgrader metadata. Its config
# ignores COURSE_DB_URL: the gradebook is always the course folder's SQLite file.

TOY = "toy"

TOY_CONFIG = f'''\
import os
c = get_config()  # noqa: F821
c.CourseDirectory.course_id = "toy-course"
c.CourseDirectory.root = os.path.dirname(os.path.abspath(__file__))
c.CourseDirectory.db_url = "sqlite:///" + os.path.join(c.CourseDirectory.root, "gradebook.db")
c.Course.assignments = ["{TOY}", "not_written_yet"]
c.ExecutePreprocessor.timeout = 30
'''


def _nbgrader(grade_id: str, *, grade: bool, solution: bool, locked: bool, points: float = 0) -> dict:
    """Cell metadata as nbgrader's create-assignment toolbar writes it."""
    meta = {"grade": grade, "solution": solution, "locked": locked, "grade_id": grade_id, "schema_version": 3}
    if grade:
        meta["points"] = points
    return {"nbgrader": meta}


def toy_notebook() -> nbformat.NotebookNode:
    """The instructor's source notebook of ``toy`` (fixed cell ids, so builds are comparable)."""
    cells = [
        new_markdown_cell("## Part A: square (2 points)\n\nWrite `square(x)`, e.g. `square(3) == 9`.",
                          id="intro", metadata=_nbgrader("intro", grade=False, solution=False, locked=True)),
        new_code_cell('def square(x):\n    """Return x squared."""\n    ### BEGIN SOLUTION\n    return x * x\n'
                      "    ### END SOLUTION",
                      id="square", metadata=_nbgrader("square", grade=False, solution=True, locked=False)),
        new_code_cell('"""square: small integers"""\nassert square(3) == 9\n'
                      "### BEGIN HIDDEN TESTS\nassert square(-2) == 4, 'square(-2) should be 4'\n"
                      "### END HIDDEN TESTS",
                      id="test_square", metadata=_nbgrader("test_square", grade=True, solution=False,
                                                           locked=True, points=2)),
        new_markdown_cell("Squares are never negative because a negative times a negative is positive.",
                          id="explain_square", metadata=_nbgrader("explain_square", grade=True,
                                                                  solution=True, locked=False, points=1)),
    ]
    nb = new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    return nb


def make_toy_course(root: Path) -> Path:
    """Write ``nbgrader_config.py`` and ``source/toy/toy.ipynb`` under ``root``; return ``root``."""
    (root / "source" / TOY).mkdir(parents=True)
    (root / "nbgrader_config.py").write_text(TOY_CONFIG)
    nbformat.write(toy_notebook(), root / "source" / TOY / f"{TOY}.ipynb")
    return root


@pytest.fixture
def toy_course_dir(tmp_path: Path) -> Path:
    """A fresh course folder with the ``toy`` assignment (not yet built)."""
    return make_toy_course(tmp_path / "course")


WRONG_SQUARE = "def square(x):\n    return x + x\n"
NOISY_SQUARE = "def square(x):\n    import sys\n    print('debug', file=sys.stderr)\n    return x * x\n"
PS01_WRONG = REPO_ROOT / "autograde" / "examples" / "ps01_convolution" / "partly_wrong.py"


def write_nb(path: Path, nb: nbformat.NotebookNode) -> Path:
    """Write ``nb`` to ``path``, creating folders."""
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path


def tree_digest(folder: Path) -> dict[str, str]:
    """``{relative path: sha256}`` of every file under ``folder``."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def make_hand_ins(folder: Path, course_root: Path) -> Path:
    """A submissions folder with one hand-in of each kind the grader must survive."""
    reference = reference_submission(toy_notebook())
    release = nbformat.read(course_root / "release" / TOY / f"{TOY}.ipynb", as_version=4)
    write_nb(folder / "correct" / TOY / f"{TOY}.ipynb", reference)
    write_nb(folder / "blank.ipynb", release)
    write_nb(folder / "wrong" / TOY / f"{TOY}.ipynb", splice(reference, {"square": WRONG_SQUARE}))
    write_nb(folder / "noisy" / TOY / f"{TOY}.ipynb", splice(reference, {"square": NOISY_SQUARE}))
    write_nb(folder / "misnamed" / TOY / f"{TOY} (1).ipynb", reference)
    dies = copy.deepcopy(reference)
    dies.cells.insert(0, nbformat.v4.new_code_cell("import os\nos._exit(1)  # the kernel dies"))
    write_nb(folder / "kernel_dies.ipynb", dies)
    tampers = copy.deepcopy(reference)
    tampers.cells.append(nbformat.v4.new_code_cell("import builtins\nbuiltins.len = len  # harmless, but a pattern"))
    write_nb(folder / "tampers.ipynb", tampers)
    (folder / "malformed" / TOY).mkdir(parents=True)
    (folder / "malformed" / TOY / f"{TOY}.ipynb").write_text("{ this is not JSON")
    return folder


@pytest.fixture(scope="module")
def built_toy(tmp_path_factory: pytest.TempPathFactory):
    """The toy course, built (release and gradebook) and opened; shared by this module's
    tests, which grade it under distinct student ids."""
    course = load_course(make_toy_course(tmp_path_factory.mktemp("toy") / "course"))
    build(course, progress=lambda line: None)
    return course


@pytest.fixture(scope="module")
def graded(built_toy):
    """The hand-ins of :func:`make_hand_ins` graded, with a manual grade for ``correct``;
    returns ``(course, rows by student, hand_ins, digest of hand_ins before grading, printed lines)``."""
    course = built_toy
    hand_ins = make_hand_ins(course.root.parent / "hand-ins", course.root)
    before = tree_digest(hand_ins)
    manual = course.root.parent / "manual.csv"
    manual.write_text("student_id,grade_id,points\ncorrect,explain_square,1\n")
    printed: list[str] = []
    rows = grade(course, TOY, hand_ins, manual_grades=manual, progress=printed.append)
    return course, {row.student: row for row in rows}, hand_ins, before, printed


# ------------------------------------------------------------------------- course


def test_course_lists_only_assignments_with_a_source(toy_course_dir: Path):
    """Does a course offer the configured assignments that have a source notebook, and no others?"""
    course = load_course(toy_course_dir)
    assert course.assignments == [TOY]
    assert course.root == toy_course_dir.resolve()
    assert course.db_url == f"sqlite:///{toy_course_dir.resolve() / 'gradebook.db'}"


def test_course_db_url_can_be_overridden(toy_course_dir: Path, tmp_path: Path):
    """Can a caller (the demo) put the gradebook elsewhere?"""
    url = f"sqlite:///{tmp_path / 'other.db'}"
    assert load_course(toy_course_dir, db_url=url).db_url == url


def test_folder_without_config_is_not_a_course(tmp_path: Path):
    """Does opening a folder without nbgrader_config.py say what to pass?"""
    with pytest.raises(CourseError, match="--course"):
        load_course(tmp_path)


def test_default_root_is_cwd_course_else_repository(toy_course_dir: Path, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch):
    """Is the course the current folder when it has a config, and this repository otherwise?"""
    monkeypatch.chdir(toy_course_dir)
    assert default_root() == toy_course_dir
    monkeypatch.chdir(tmp_path)
    assert default_root() == REPO_ROOT
    assert (REPO_ROOT / "nbgrader_config.py").is_file()


def test_repository_config_loads():
    """Does the repository's own nbgrader_config.py load, with its six assignments configured?"""
    course = load_course(REPO_ROOT)
    assert course.course_id == "cnn-hands-on"
    assert len(course.config.Course.assignments) == 6
    assert set(course.assignments) <= set(course.config.Course.assignments)


# ---------------------------------------------------------------------- notebooks


def test_graded_cells_in_notebook_order():
    """Are the graded cells found, in notebook order?"""
    ids = [cell.metadata.nbgrader.grade_id for cell in graded_cells(toy_notebook())]
    assert ids == ["test_square", "explain_square"]


def test_answer_cell_found_by_definition():
    """Is the answer cell found by the function it defines, and a missing one named?"""
    nb = toy_notebook()
    assert answer_cell_for(nb, "square").metadata.nbgrader.grade_id == "square"
    with pytest.raises(KeyError, match="square"):
        answer_cell_for(nb, "cube")


def test_splice_replaces_only_the_definition_and_copies():
    """Does splice swap the function in a copy, keeping the rest of the cell and the original intact?"""
    nb = toy_notebook()
    nb.cells[1].source = "import math\n\n" + nb.cells[1].source
    spliced = splice(nb, {"square": WRONG_SQUARE})
    assert spliced.cells[1].source == "import math\n\n" + WRONG_SQUARE.rstrip("\n")
    assert "x * x" in nb.cells[1].source


def test_reference_submission_drops_markers_and_hidden_tests():
    """Is the reference what a perfect student hands in: solution kept, markers and hidden tests gone?"""
    source = toy_notebook()
    source.cells[2].outputs = [nbformat.v4.new_output("stream", text="old output")]
    ref = reference_submission(source)
    text = "\n".join(cell.source for cell in ref.cells)
    assert "return x * x" in text
    assert "BEGIN" not in text and "END" not in text
    assert "square(-2)" not in text and "assert square(3) == 9" in text
    assert ref.cells[2].outputs == [] and source.cells[2].outputs


def test_functions_in_reads_top_level_definitions(tmp_path: Path):
    """Does functions_in return each top-level def (with decorators) and nothing else?"""
    path = tmp_path / "m.py"
    path.write_text('"""doc"""\nimport os\n\n\n@staticmethod\ndef f(x):\n    return x\n\n\nclass C:\n'
                    "    def g(self):\n        pass\n\nX = 1\n")
    found = functions_in(path)
    assert list(found) == ["f", "C"]
    assert found["f"].startswith("@staticmethod\ndef f(x):")
    assert list(functions_in(PS01_WRONG)) == ["corr2d", "sobel_magnitude"]


# -------------------------------------------------------------------------- build


def test_release_has_no_solution_and_no_hidden_tests(built_toy):
    """Does build write a release without the solution and the hidden tests (and keep the visible test)?"""
    text = built_toy.release_notebook(TOY).read_text()
    assert "return x * x" not in text and "BEGIN SOLUTION" not in text
    assert "HIDDEN TESTS" not in text and "square(-2)" not in text
    assert "assert square(3) == 9" in text and "def square(x):" in text
    with built_toy.gradebook() as gb:
        assert gb.find_assignment(TOY).name == TOY


def test_build_is_byte_stable(built_toy):
    """Do two builds write byte-identical release notebooks (so release/ can be committed)?"""
    first = built_toy.release_notebook(TOY).read_bytes()
    build(built_toy, [TOY], progress=lambda line: None)
    assert built_toy.release_notebook(TOY).read_bytes() == first


def test_build_failure_shows_log_and_next_step(toy_course_dir: Path, capsys: pytest.CaptureFixture):
    """Does a source nbgrader rejects (two cells with one grade_id) fail with its log and the fix, without a traceback?"""
    path = toy_course_dir / "source" / TOY / f"{TOY}.ipynb"
    nb = nbformat.read(path, as_version=4)
    nb.cells[3].metadata.nbgrader.grade_id = "test_square"
    nbformat.write(nb, path)
    with pytest.raises(BuildError, match=f"python -m autograde build {TOY}"):
        build(load_course(toy_course_dir), progress=lambda line: None)
    assert main(["build", "--course", str(toy_course_dir)]) == 1
    err = capsys.readouterr().err
    assert "nbgrader's log" in err and "Traceback" not in err


# ------------------------------------------------------------------------ collect


def test_collect_renames_a_lone_misnamed_notebook_and_rejects_bad_ids(tmp_path: Path):
    """Are a lone misnamed notebook accepted (and noted), and an unsafe or ambiguous student refused?"""
    ref = reference_submission(toy_notebook())
    write_nb(tmp_path / "ann" / TOY / "copy.ipynb", ref)
    write_nb(tmp_path / "bob smith.ipynb", ref)
    write_nb(tmp_path / "cid.ipynb", ref)
    write_nb(tmp_path / "cid" / TOY / f"{TOY}.ipynb", ref)
    write_nb(tmp_path / "dee" / TOY / "a.ipynb", ref)
    write_nb(tmp_path / "dee" / TOY / "b.ipynb", ref)
    (tmp_path / "notes.txt").write_text("not a hand-in")
    ignored: list[str] = []
    subs = {s.student: s for s in collect_submissions(tmp_path, TOY, warn=ignored.append)}
    assert subs["ann"].problem is None and "renamed 'copy.ipynb'" in subs["ann"].note
    assert "not a usable student id" in subs["bob smith"].problem
    assert "keep one" in subs["cid"].problem
    assert f"keep the one to grade as {tmp_path / 'dee' / TOY / (TOY + '.ipynb')}" in subs["dee"].problem
    assert len(ignored) == 1 and "notes.txt" in ignored[0]


def test_collect_rejects_a_missing_or_empty_folder(tmp_path: Path):
    """Does an empty or missing submissions folder give an error that shows the expected layout?"""
    with pytest.raises(CourseError, match=f"<student>/{TOY}/{TOY}.ipynb"):
        collect_submissions(tmp_path, TOY)
    with pytest.raises(CourseError, match="does not exist"):
        collect_submissions(tmp_path / "nope", TOY)


# -------------------------------------------------------------------------- grade


def test_correct_gets_full_points_with_manual_grade(graded):
    """Does a correct hand-in get all auto points, and its manual grade from the CSV?"""
    _, rows, *_ = graded
    assert (rows["correct"].score, rows["correct"].max_score) == (3, 3)
    assert rows["correct"].points == {"test_square": 2, "explain_square": 1}
    assert rows["correct"].needs_manual_grading is False


def test_blank_gets_zero_without_crashing(graded):
    """Does the untouched release notebook score 0, with nothing left to grade by hand?"""
    _, rows, *_ = graded
    assert rows["blank"].graded and rows["blank"].score == 0
    assert rows["blank"].needs_manual_grading is False


def test_wrong_answer_loses_the_test_points(graded):
    """Does a wrong square() fail the (hidden) test, with its written answer still to grade?"""
    _, rows, *_ = graded
    assert rows["wrong"].points == {"test_square": 0, "explain_square": None}
    assert rows["wrong"].needs_manual_grading is True
    assert rows["wrong"].ungraded_cells == ["explain_square"]


def test_hidden_tests_are_restored_when_grading(graded):
    """Does the autograded copy hold the hidden tests again (they are absent from the release)?"""
    course, *_ = graded
    autograded = course.root / "autograded" / "correct" / TOY / f"{TOY}.ipynb"
    assert "square(-2)" in autograded.read_text()
    assert "square(-2)" not in course.release_notebook(TOY).read_text()


HIDDEN_FAILS = "def square(x):\n    return abs(x) * x\n"  # right for 3, wrong for -2


def test_feedback_hides_hidden_tests_but_says_how_they_did(graded, tmp_path: Path):
    """Does each student's feedback keep the visible check and say whether the hidden part
    passed (with its message when it failed), without a line of the hidden test?"""
    from autograde.feedback import HIDDEN_NOTE
    from autograde.leaks import find_leaks, readable_text

    course, rows, *_ = graded
    hand_ins = tmp_path / "hand-ins"
    write_nb(hand_ins / "hidden_fails.ipynb", splice(reference_submission(toy_notebook()),
                                                    {"square": HIDDEN_FAILS}))
    grade(course, TOY, hand_ins, out=tmp_path / "out", progress=lambda line: None)
    files = sorted((course.root / "feedback").rglob("*.html")) + sorted((tmp_path / "out").rglob("*.html"))
    assert len(files) >= 6
    assert find_leaks(files, ["assert square(-2) == 4, 'square(-2) should be 4'"]) == []
    text = {f.parts[-3]: readable_text(f) for f in files}
    for student in ("correct", "wrong", "hidden_fails"):
        assert 'assert square(3) == 9' in text[student] and HIDDEN_NOTE in text[student]
    assert "visible and hidden checks passed" in text["correct"]
    assert "a visible check failed: AssertionError" in text["wrong"]
    assert "a hidden check failed: AssertionError: square(-2) should be 4" in text["hidden_fails"]
    assert "wrote to stderr" in text["noisy"]


def _export_counting_compiles(exporter_class: type, nb: nbformat.NotebookNode, monkeypatch) -> tuple[str, int]:
    """``nb`` as HTML by a fresh ``exporter_class``, and how many templates Jinja compiled."""
    from jinja2 import Environment

    compiled = []
    original = Environment.compile
    monkeypatch.setattr(Environment, "compile", lambda self, *a, **k: compiled.append(1) or original(self, *a, **k))
    html, _ = exporter_class(template_name="classic").from_notebook_node(copy.deepcopy(nb))
    monkeypatch.setattr(Environment, "compile", original)
    return html, len(compiled)


def test_feedback_exporter_compiles_templates_once_and_renders_the_same(monkeypatch):
    """Does the feedback exporter (a new one per hand-in, as nbgrader makes it) compile its
    templates only once per process, and render exactly what nbconvert's HTML exporter does?"""
    from nbconvert.exporters import HTMLExporter

    from autograde.feedback import FeedbackExporter

    nb = toy_notebook()
    plain = [_export_counting_compiles(HTMLExporter, nb, monkeypatch) for _ in range(2)]
    assert plain[1][1] > 0  # nbconvert alone compiles them again for every exporter
    _export_counting_compiles(FeedbackExporter, nb, monkeypatch)
    html, compiled = _export_counting_compiles(FeedbackExporter, nb, monkeypatch)
    assert compiled == 0
    assert html == plain[1][0]


def test_stderr_zero_is_explained(graded):
    """Is a test cell scored 0 because it wrote to stderr named in the notes, not hidden?"""
    _, rows, *_ = graded
    assert rows["noisy"].points["test_square"] == 0
    assert any("test_square" in note and "stderr" in note for note in rows["noisy"].notes)


def test_malformed_notebook_is_reported_and_others_graded(graded):
    """Does a notebook that is not JSON get a clear per-student reason while the rest are graded?"""
    _, rows, _, _, printed = graded
    bad = rows["malformed"]
    assert bad.score is None and not bad.graded
    assert bad.problem == (f"{TOY}.ipynb is not a valid notebook (not JSON): "
                           "ask the student to re-download the release and resubmit")
    assert all(rows[s].graded for s in ("correct", "blank", "wrong", "noisy", "misnamed"))
    assert any(line.startswith("[") and "malformed NOT GRADED" in line for line in printed)


def test_kernel_death_costs_only_its_cell(graded):
    """Does a hand-in whose kernel dies in its first cell keep the points of the cells after
    it (nbgrader alone deletes them all, #1033), with the death named in its status?"""
    _, rows, *_ = graded
    dead = rows["kernel_dies"]
    assert dead.graded and dead.points["test_square"] == 2
    assert dead.status == "kernel_died"
    assert any("the kernel died in this cell" in note for note in dead.notes)
    assert rows["wrong"].graded


def _grade_toy_in_this_process(course, student: str, nb: nbformat.NotebookNode, timeout: int | None = None):
    """The :class:`~autograde.worker.GradingOutcome` of grading ``nb`` in this process
    (no cluster, no sandbox), with a cell timeout of ``timeout`` seconds if given."""
    from autograde.gradebook import export_assignment
    from autograde.worker import GradingSetup, GradingTask, grade_task

    config = copy.deepcopy(course.config)
    if timeout is not None:
        config.ExecutePreprocessor.timeout = timeout
    setup = GradingSetup(TOY, TOY, course.course_id, config, export_assignment(course.db_url, course.course_id, TOY),
                         sandbox=False)
    return grade_task(setup, GradingTask(student, nbformat.writes(nb).encode()))


#: An answer whose cell's last message (the kernel's "idle" status) comes 6 s after its
#: reply, as on a machine too busy to send it sooner.
LATE_IDLE_SQUARE = """def square(x):
    return x * x
import time as _time
_kernel = get_ipython().kernel
_send = _kernel.session.send
def _send_late(stream, kind, content=None, parent=None, *args, **kwargs):
    code = str(((parent or {}).get("content") or {}).get("code", ""))
    if kind == "status" and (content or {}).get("execution_state") == "idle" and "LATE" + "_IDLE" in code:
        _time.sleep(6)
    return _send(stream, kind, content, parent, *args, **kwargs)
_kernel.session.send = _send_late  # LATE_IDLE
"""


def test_output_that_comes_late_after_a_reply_is_waited_for(built_toy):
    """When a cell's last message comes 6 s after its reply, is the hand-in still graded in
    full? (nbclient waits 4 s by default, then nbgrader fails the whole notebook: 'Timeout
    waiting for IOPub output'; it happened in CI on a busy machine.)"""
    nb = splice(reference_submission(toy_notebook()), {"square": LATE_IDLE_SQUARE})
    outcome = _grade_toy_in_this_process(built_toy, "late_idle", nb)
    assert outcome.problem is None, outcome.problem
    assert outcome.autogrades.grades["test_square"][0] == 2


def test_the_guard_gets_time_to_install_whatever_the_cell_timeout(built_toy, monkeypatch):
    """Does the kernel guard's installation (it imports the release's modules, over 20 s on
    a busy machine) get its own time, not the course's cell timeout? Here it takes 3 s and
    the cells 1 s each."""
    from autograde import guard

    install = guard.install_code
    monkeypatch.setattr(guard, "install_code", lambda modules: "import time\ntime.sleep(3)\n" + install(modules))
    outcome = _grade_toy_in_this_process(built_toy, "slow_guard", reference_submission(toy_notebook()), timeout=1)
    assert outcome.problem is None, outcome.problem
    assert outcome.autogrades.grades["test_square"][0] == 2


def test_tampering_is_flagged_for_review(graded):
    """Is a hand-in whose added cell patches a builtin graded as usual but flagged
    'tampering', with the cell, the line and what the pattern can do in its notes?"""
    _, rows, *_ = graded
    row = rows["tampers"]
    assert row.points["test_square"] == rows["correct"].points["test_square"] == 2
    assert row.status == "tampering"
    assert any("builtins.len = len" in note and "patches_library" in note for note in row.notes), row.notes
    assert all("tampering" not in rows[s].status for s in ("correct", "wrong", "blank", "kernel_dies"))


def test_misnamed_notebook_is_graded_and_noted(graded):
    """Is a lone notebook named 'toy (1).ipynb' graded as toy.ipynb, and the rename said?"""
    _, rows, *_ = graded
    assert rows["misnamed"].points["test_square"] == 2
    assert rows["misnamed"].notes[0] == f"renamed '{TOY} (1).ipynb' to {TOY}.ipynb"


def test_progress_line_per_student(graded):
    """Is a '[i/n] student score/max seconds' line printed per student, then a table and the CSV path?"""
    _, rows, _, _, printed = graded
    lines = [line for line in printed if line.startswith("[")]
    assert len(lines) == len(rows) == 8
    assert any(line.startswith("[") and " correct 3/3 " in line and line.endswith(" s") for line in lines)
    text = "\n".join(printed)
    assert f"{TOY}: 7 of 8 graded" in text and "grades.csv" in text


def test_grades_csv_columns(graded):
    """Does grades.csv have student_id, score, max_score, a column per graded cell in notebook order,
    then needs_manual_grading and status, with empty cells for ungraded answers and failed students?"""
    course, *_ = graded
    with (course.root / "grades.csv").open(newline="") as handle:
        table = list(csv.reader(handle))
    assert table[0] == ["student_id", "score", "max_score", "test_square", "explain_square",
                        "needs_manual_grading", "status"]
    by_student = {row[0]: row for row in table[1:]}
    assert by_student["correct"] == ["correct", "3", "3", "2", "1", "False", "ok"]
    assert by_student["wrong"] == ["wrong", "0", "3", "0", "", "True", "ok"]
    assert by_student["malformed"] == ["malformed", "", "", "", "", "", "invalid"]
    assert by_student["misnamed"][-1] == "renamed"


def test_grading_leaves_hand_ins_untouched(graded):
    """Is the submissions folder exactly as it was (nothing renamed, deleted or added)?"""
    _, _, hand_ins, before, _ = graded
    assert tree_digest(hand_ins) == before


def test_grade_out_gets_csv_and_feedback(built_toy, tmp_path: Path):
    """Does --out receive grades.csv and a copy of the feedback HTML?"""
    write_nb(tmp_path / "hand-ins" / "out_ann.ipynb", reference_submission(toy_notebook()))
    rows = grade(built_toy, TOY, tmp_path / "hand-ins", out=tmp_path / "out", progress=lambda line: None)
    assert isinstance(rows[0], GradeRow) and rows[0].graded
    assert (tmp_path / "out" / "grades.csv").read_text().startswith("student_id,score,max_score,")
    assert (tmp_path / "out" / "feedback" / "out_ann" / TOY / f"{TOY}.html").is_file()


def test_manual_grades_are_checked_before_grading(built_toy, tmp_path: Path):
    """Are a misspelt grade id, points out of range and a bad header refused before anything is graded?"""
    hand_ins = tmp_path / "hand-ins"
    write_nb(hand_ins / "ann.ipynb", toy_notebook())
    with pytest.raises(CourseError, match="'explain_sqare' is not a graded cell"):
        grade(built_toy, TOY, hand_ins, manual_grades={"ann": {"explain_sqare": 1}})
    with pytest.raises(CourseError, match="outside 0..1"):
        grade(built_toy, TOY, hand_ins, manual_grades={"ann": {"explain_square": 5}})
    bad = tmp_path / "bad.csv"
    bad.write_text("student,cell,points\nann,explain_square,1\n")
    with pytest.raises(CourseError, match="student_id,grade_id,points"):
        grade(built_toy, TOY, hand_ins, manual_grades=bad)
    assert not (built_toy.root / "submitted" / "ann").exists()


# ---------------------------------------------------------------------------- CLI


def test_help_reads_like_a_manual():
    """Does `python -m autograde --help` list the subcommands, the folders read and written, and examples?"""
    proc = subprocess.run([sys.executable, "-m", "autograde", "--help"], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    for text in ("build", "grade", "demo", "Examples:", "submitted/", "release/", "feedback/",
                 "python -m autograde grade ps01_convolution"):
        assert text in proc.stdout


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture):
    """Do a missing subcommand and an unknown option exit 2?"""
    for argv in ([], ["grade"], ["build", "--bogus"]):
        with pytest.raises(SystemExit) as exc:
            main(argv)
        assert exc.value.code == 2
    capsys.readouterr()


def test_options_work_before_and_after_the_subcommand():
    """Are -v and --course taken both before and after the subcommand?"""
    parser = make_parser()
    before = parser.parse_args(["-v", "--course", "c", "build"])
    after = parser.parse_args(["build", "-vv", "--course", "c"])
    assert (before.verbose, before.course, after.verbose, after.course) == (1, Path("c"), 2, Path("c"))
    assert parser.parse_args(["demo"]).verbose == 0


def test_grade_before_build_gives_build_hint(toy_course_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture):
    """Does grading an assignment that is not in the gradebook exit 2 with the build command to run?"""
    write_nb(tmp_path / "ann.ipynb", toy_notebook())
    code = main(["grade", TOY, str(tmp_path), "--course", str(toy_course_dir)])
    err = capsys.readouterr().err
    assert code == 2
    assert f"{TOY} is not in the gradebook; run: python -m autograde build {TOY}" in err
    assert "Traceback" not in err


def test_cli_exit_codes_for_grading(built_toy, tmp_path: Path, capsys: pytest.CaptureFixture):
    """Does `grade` exit 0 when all are graded, and 1 (naming the student) when one could not be?"""
    write_nb(tmp_path / "ok" / "cli_ann.ipynb", reference_submission(toy_notebook()))
    out = ["--course", str(built_toy.root), "--out", str(tmp_path / "out")]
    assert main(["grade", TOY, str(tmp_path / "ok"), *out]) == 0
    assert "[1/1] cli_ann 2/3" in capsys.readouterr().out
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "cli_bob.ipynb").write_text(json.dumps({"not": "a notebook"}))
    assert main(["grade", TOY, str(tmp_path / "bad"), *out]) == 1
    captured = capsys.readouterr()
    assert "cli_bob.ipynb is not a valid notebook" in captured.out
    assert "not graded: cli_bob" in captured.err and "Traceback" not in captured.err


def test_grading_kernels_get_one_thread_unless_told(monkeypatch):
    """Do grading kernels default to one CPU thread, leaving an instructor's OMP_NUM_THREADS alone?"""
    from autograde.pipeline import kernel_threads

    monkeypatch.delenv("OMP_NUM_THREADS", raising=False)
    with kernel_threads():
        assert os.environ["OMP_NUM_THREADS"] == "1"
    assert "OMP_NUM_THREADS" not in os.environ
    monkeypatch.setenv("OMP_NUM_THREADS", "4")
    with kernel_threads():
        assert os.environ["OMP_NUM_THREADS"] == "4"
    assert os.environ["OMP_NUM_THREADS"] == "4"


# ------------------------------------------------------------------ environment

#: A PATH that holds the system's programs but not this Python environment's scripts
#: (alembic, jupyter): what a cron job or an IDE gives ``venv/bin/python``.
BARE_PATH = os.pathsep.join(p for p in ("/usr/bin", "/bin") if os.path.isdir(p))


def _run_cli(args: list[str], cwd: Path, prelude: str = "") -> subprocess.CompletedProcess:
    """``python -m autograde ARGS`` through this interpreter's full path, environment not
    activated (PATH without its scripts folder), from ``cwd``."""
    code = f"import sys\n{prelude}\nfrom autograde.cli import main\nsys.exit(main({args!r}))"
    env = {key: value for key, value in os.environ.items() if key not in ("VIRTUAL_ENV", "PYTHONPATH")}
    env["PATH"] = BARE_PATH
    return subprocess.run([sys.executable, "-c", code], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=600)


@pytest.mark.slow
def test_cli_runs_without_an_activated_environment(toy_course_dir: Path, tmp_path: Path):
    """Do build and grade work when only the interpreter's path is known (no alembic or
    jupyter on PATH) and the working folder is elsewhere?"""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    built = _run_cli(["build", "--course", str(toy_course_dir)], elsewhere)
    assert built.returncode == 0, built.stdout + built.stderr
    write_nb(tmp_path / "hand-ins" / "env_ann.ipynb", reference_submission(toy_notebook()))
    graded = _run_cli(["grade", TOY, str(tmp_path / "hand-ins"), "--course", str(toy_course_dir)], elsewhere)
    assert graded.returncode == 0, graded.stdout + graded.stderr
    assert "[1/1] env_ann 2/3" in graded.stdout


def test_environment_failure_names_the_environment(toy_course_dir: Path, tmp_path: Path):
    """When nbgrader cannot run alembic, does the error say the environment is at fault
    (not the notebook) and how to fix it?"""
    stop_path_fix = "import autograde.course\nautograde.course.put_scripts_on_path = lambda: None"
    proc = _run_cli(["build", "--course", str(toy_course_dir)], tmp_path, prelude=stop_path_fix)
    assert proc.returncode == 1
    assert "problem with the Python environment, not with the notebooks" in proc.stderr, proc.stderr
    assert "'alembic' is not on PATH" in proc.stderr and "-m pip install -r requirements.txt" in proc.stderr
    assert "Fix source/" not in proc.stderr and "Traceback" not in proc.stderr
