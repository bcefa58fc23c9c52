"""``python -m autograde check NOTEBOOK``: a self-learner's view of a notebook, run as the
grader would run it, with the visible tests only (issue 14, item 3)."""

from __future__ import annotations

import copy
import shutil
from pathlib import Path

import nbformat
import pytest

from autograde.check import check_notebook, format_check
from autograde.cli import main
from autograde.notebooks import nbgrader_meta, reference_submission, splice
from tests.assignments import ROOT, exercises, read_source
from tests.test_autograde import WRONG_SQUARE, toy_notebook, write_nb


def _toy(answer: str | None, written: str | None) -> nbformat.NotebookNode:
    """The toy notebook as a student has it: the visible test only; the answer and the
    written answer replaced (None: the release's placeholders)."""
    nb = reference_submission(toy_notebook())
    if answer is None:
        nb = splice(nb, {"square": "def square(x):\n    # YOUR CODE HERE\n    raise NotImplementedError()\n"})
    elif answer:
        nb = splice(nb, {"square": answer})
    explain = next(c for c in nb.cells if nbgrader_meta(c).get("grade_id") == "explain_square")
    explain.source = "YOUR ANSWER HERE" if written is None else written
    return nb


def test_check_blank_toy_says_not_attempted(tmp_path: Path, capsys: pytest.CaptureFixture):
    """Does an untouched notebook come out 'not attempted' and 'unanswered', exit 1?"""
    path = write_nb(tmp_path / "toy.ipynb", _toy(None, None))
    before = path.read_bytes()
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    assert "not attempted" in out and "unanswered" in out and "0 of 1 checks pass" in out, out
    assert path.read_bytes() == before, "check changed the student's notebook"


def test_check_passing_and_failing_toy(tmp_path: Path, capsys: pytest.CaptureFixture):
    """Does a right answer pass (exit 0) and a wrong one fail with the check's own message?"""
    right = write_nb(tmp_path / "right" / "toy.ipynb", _toy("", "Because (-x)(-x) = x x."))
    assert main(["check", str(right)]) == 0
    out = capsys.readouterr().out
    assert "1 of 1 checks pass (2 of 2 autograded points" in out and "answered" in out, out
    wrong_nb = _toy(WRONG_SQUARE, None)
    test = next(c for c in wrong_nb.cells if nbgrader_meta(c).get("grade_id") == "test_square")
    test.source = test.source.replace("assert square(3) == 9", "assert square(3) == 9, 'square(3) should be 9'")
    wrong = write_nb(tmp_path / "wrong" / "toy.ipynb", wrong_nb)
    results, _ = check_notebook(wrong)
    by_id = {r.grade_id: r for r in results}
    assert by_id["test_square"].status == "failed"
    assert by_id["test_square"].message == "AssertionError: square(3) should be 9"
    assert by_id["test_square"].exercise == "square" and by_id["explain_square"].status == "unanswered"
    assert main(["check", str(wrong)]) == 1


def test_check_survives_an_endless_loop_a_dead_kernel_and_a_warning(tmp_path: Path):
    """Does a cell over the timeout get interrupted (the checks after it still run), a
    kernel that dies leave the checks after it 'failed: not run' (a table, no traceback),
    and a harmless warning cost nothing, as when graded?"""
    looping = _toy("import warnings\nwhile True:\n    pass\n", "Because.")
    results, _ = check_notebook(write_nb(tmp_path / "loop" / "toy.ipynb", looping), timeout=3)
    assert [(r.grade_id, r.status) for r in results if r.exercise] == [("test_square", "failed")]
    assert "interrupted" in results[0].message, results
    warns = _toy("import warnings\ndef square(x):\n    warnings.warn('squaring')\n    return x * x\n", "Because.")
    results, _ = check_notebook(write_nb(tmp_path / "warn" / "toy.ipynb", warns))
    assert results[0].status == "passed", results
    dying = _toy("import os\nos._exit(1)\n", "Because.")
    results, _ = check_notebook(write_nb(tmp_path / "die" / "toy.ipynb", dying))
    assert results[0].status == "failed" and "kernel died" in results[0].message, results


def test_check_explains_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture):
    """Do a missing file, a file that is not a notebook and a notebook with no tests get a
    sentence saying what to do (exit 2), not a traceback?"""
    (tmp_path / "broken.ipynb").write_text("{ not json")
    plain = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1")])
    write_nb(tmp_path / "plain.ipynb", plain)
    for name, expected in (("missing.ipynb", "does not exist"), ("broken.ipynb", "save it again"),
                           ("plain.ipynb", "no nbgrader test cells")):
        assert main(["check", str(tmp_path / name)]) == 2
        assert expected in capsys.readouterr().err


@pytest.mark.slow
def test_check_a_release_notebook_without_instructor_files(tmp_path: Path):
    """On a copy of release/ps02 alone (no source/, no gradebook), with the first answer
    filled in: do that answer's checks pass and every other exercise say 'not attempted'?"""
    assignment = "ps02_stride_padding"
    folder = tmp_path / "student" / assignment
    shutil.copytree(ROOT / "release" / assignment, folder)
    path = folder / f"{assignment}.ipynb"
    nb = nbformat.read(path, as_version=4)
    source = read_source(assignment)
    first = exercises(source)[0]
    reference = reference_submission(source)
    answer = next(c for c in reference.cells if nbgrader_meta(c).get("grade_id") == first.grade_id)
    cell = next(c for c in nb.cells if nbgrader_meta(c).get("grade_id") == first.grade_id)
    cell.source = copy.deepcopy(answer.source)
    nbformat.write(nb, path)
    results, seconds = check_notebook(path)
    tests = [r for r in results if r.exercise]
    assert {r.status for r in tests if r.exercise == first.grade_id} == {"passed"}
    others = {r.exercise: r.status for r in tests if r.exercise != first.grade_id}
    assert others and set(others.values()) == {"not attempted"}, others
    assert any(r.status == "unanswered" for r in results if not r.exercise)
    table = format_check(path.name, results, seconds)
    assert first.grade_id in table and "hidden tests run only when graded" in table
