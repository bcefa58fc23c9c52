"""End to end: ``python -m autograde demo`` builds the real course and grades its examples.

The demo runs once, as a subprocess, for the whole module (it executes every
source notebook three times through real ``nbgrader autograde``). It needs
``source/ps01_convolution/ps01_convolution.ipynb``; without it these tests fail,
they never skip.
"""

from __future__ import annotations

import csv
import hashlib
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from autograde.feedback import HIDDEN_NOTE, hidden_test_lines
from autograde.leaks import find_leaks
from tests.assignments import ASSIGNMENTS, read_source

pytestmark = pytest.mark.slow

PS01 = "ps01_convolution"


@dataclass
class DemoRun:
    """What one demo run left behind."""

    returncode: int
    stdout: str
    stderr: str
    folder: Path  # the kept demo course
    repo_before: dict[str, str]
    repo_after: dict[str, str]

    def grades(self, assignment: str) -> dict[str, dict[str, str]]:
        """``grades.csv`` of ``assignment`` as ``{student_id: row}``."""
        with (self.folder / "grades" / assignment / "grades.csv").open(newline="") as handle:
            return {row["student_id"]: row for row in csv.DictReader(handle)}


def repo_state(repo: Path) -> dict[str, str]:
    """Digest of what the demo must not touch in the repository: release/, and the
    presence of grading output at the root."""
    state = {str(p.relative_to(repo)): hashlib.sha256(p.read_bytes()).hexdigest()
             for p in sorted((repo / "release").rglob("*")) if p.is_file()}
    for name in ("gradebook.db", "grades.csv", "submitted", "autograded", "feedback"):
        state[name] = str((repo / name).exists())
    return state


@pytest.fixture(scope="module")
def demo(repo_root: Path, tmp_path_factory: pytest.TempPathFactory) -> DemoRun:
    """``python -m autograde demo --keep DIR`` run once, with COURSE_DB_URL pointing at a
    database that cannot be opened (the demo must ignore it)."""
    source = repo_root / "source" / PS01 / f"{PS01}.ipynb"
    if not source.is_file():
        pytest.fail(f"{source.relative_to(repo_root)} is missing: the demo test needs the ps01 source notebook")
    folder = tmp_path_factory.mktemp("demo") / "course"
    env = {**os.environ, "COURSE_DB_URL": "sqlite:////nonexistent-folder/should-not-be-used.db"}
    before = repo_state(repo_root)
    proc = subprocess.run([sys.executable, "-m", "autograde", "demo", "--keep", str(folder)],
                          cwd=repo_root, env=env, capture_output=True, text=True, timeout=1800)
    return DemoRun(proc.returncode, proc.stdout, proc.stderr, folder, before, repo_state(repo_root))


def test_demo_succeeds_quietly(demo: DemoRun):
    """Does the demo exit 0, with no traceback and no check failure?"""
    assert demo.returncode == 0, demo.stdout[-3000:] + demo.stderr[-3000:]
    assert "Traceback" not in demo.stderr and "CHECK FAILED" not in demo.stderr


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_demo_prints_a_table_per_assignment(demo: DemoRun, assignment: str):
    """Is there a progress line per student and a table for every assignment?"""
    assert f"{assignment}: 3 of 3 graded" in demo.stdout, demo.stdout[-3000:]
    for student in ("reference", "blank", "partly_wrong"):
        assert f"] {student} " in demo.stdout


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_reference_gets_full_marks(demo: DemoRun, assignment: str):
    """Does the instructor's own solution (written answers graded by hand) score 100/100,
    inside the sandbox wherever bubblewrap runs (the default)?"""
    from autograde.sandbox import bwrap_available

    if bwrap_available() is None:
        assert "WITHOUT the sandbox" not in demo.stdout + demo.stderr
    row = demo.grades(assignment)["reference"]
    assert (float(row["score"]), float(row["max_score"])) == (100, 100), row
    assert row["needs_manual_grading"] == "False"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_blank_gets_zero(demo: DemoRun, assignment: str):
    """Does the untouched release notebook score 0/100 (and not crash the grader)?"""
    row = demo.grades(assignment)["blank"]
    assert (float(row["score"]), float(row["max_score"])) == (0, 100), row


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_partly_wrong_loses_some_points(demo: DemoRun, assignment: str):
    """Does the hand-in with a few wrong answers (autograde/examples/) score strictly between 0 and 100?"""
    row = demo.grades(assignment)["partly_wrong"]
    assert 0 < float(row["score"]) < 100, row
    assert float(row["max_score"]) == 100


def test_demo_leaves_the_repository_alone(demo: DemoRun):
    """Does the demo write only in its own folder (release/ unchanged, no gradebook or grades here)?"""
    assert demo.repo_after == demo.repo_before


def _handin_lines(folder: Path, feedback: Path) -> set[str]:
    """The stripped lines of the hand-in that ``feedback`` (.../<student>/<assignment>/<assignment>.html) is about:
    a student's own code may repeat a line of a hidden test, and showing it back is no leak."""
    import nbformat

    student, assignment = feedback.parts[-3], feedback.parts[-2]
    handin = nbformat.read(folder / "submitted" / student / assignment / f"{assignment}.ipynb", as_version=4)
    return {line.strip() for cell in handin.cells for line in cell.source.splitlines()}


def test_feedback_shows_no_hidden_test(demo: DemoRun):
    """Does no feedback file the demo wrote (nbgrader's and the copies next to grades.csv)
    hold a line of any hidden test of any source notebook (other than the hand-in's own lines)?"""
    files = sorted(demo.folder.rglob("*.html"))
    assert len(files) >= 2 * 3 * len(ASSIGNMENTS), [str(f) for f in files]
    # lines that some notebook holds only in a hidden test and no notebook shows anywhere
    every_cell = [cell for a in ASSIGNMENTS for cell in read_source(a).cells]
    hidden = hidden_test_lines(every_cell, min_length=12)
    assert len(hidden) > 100 * len(ASSIGNMENTS) // 2
    leaks = [leak for f in files for leak in find_leaks([f], hidden - _handin_lines(demo.folder, f))]
    assert not leaks, "feedback shows hidden tests:\n" + "\n".join(map(str, leaks[:40]))


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_feedback_says_how_each_test_cell_did(demo: DemoRun, assignment: str):
    """Does the feedback keep the visible checks and say, per test cell, whether the hidden
    part passed, with the failing check's message for a wrong answer?"""
    from autograde.leaks import readable_text

    feedback = demo.folder / "feedback"
    reference = readable_text(feedback / "reference" / assignment / f"{assignment}.html")
    wrong = readable_text(feedback / "partly_wrong" / assignment / f"{assignment}.html")
    assert HIDDEN_NOTE in reference and "\u2714 visible and hidden checks passed" in reference
    assert "\u2718 " not in reference, "the reference's feedback reports a failed test cell"
    assert re.search("\u2718 a (visible |hidden )?check failed: ", wrong), "partly_wrong's feedback names no failed check"
