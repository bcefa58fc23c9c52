"""The course gradebook with many workers and several graders: SQLite and a real PostgreSQL.

Workers grade into private SQLite gradebooks and only the grading process writes the
course gradebook (:mod:`autograde.gradebook`). These tests check that a grade is never
lost or mixed up: with 2 workers, when two graders grade at once into one gradebook,
and when a hand-in is graded again after a grader scored a cell by hand. The
PostgreSQL tests start a server on loopback (``tests/postgres.py``; ``.ci/run``
installs the Debian package) and are skipped, saying why, only where none can run.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy
from nbgrader.api import Gradebook

from autograde.cli import main
from autograde.course import load_course
from autograde.gradebook import AutoGrades, export_assignment, record_autogrades
from autograde.notebooks import reference_submission, splice
from autograde.pipeline import build
from tests.conftest import missing_tool
from tests.postgres import start_server, why_not
from tests.test_autograde import TOY, WRONG_SQUARE, make_toy_course, toy_notebook, write_nb


@pytest.fixture(scope="module")
def postgres():
    """A PostgreSQL server for this module (skipped, with the reason, where none can run)."""
    reason = why_not()
    if reason:
        missing_tool(f"no PostgreSQL server can run here: {reason}")
    server = start_server()
    yield server
    server.stop()


def _hand_ins(folder: Path, students: dict[str, bool]) -> Path:
    """``<student>.ipynb`` for each student: the reference when True, a wrong answer otherwise."""
    reference = reference_submission(toy_notebook())
    for student, right in students.items():
        write_nb(folder / f"{student}.ipynb", reference if right else splice(reference, {"square": WRONG_SQUARE}))
    return folder


def _scores(db_url: str, course_id: str = "toy-course") -> dict[str, float]:
    with Gradebook(db_url, course_id) as gb:
        return {s.student.id: s.score for s in gb.find_assignment(TOY).submissions}


def _built(root: Path, db_url: str) -> None:
    make_toy_course(root)
    assert main(["--course", str(root), "--db", db_url, "build", TOY]) == 0


def test_export_assignment_copies_cells_and_no_student(tmp_path: Path):
    """Does the workers' gradebook hold the assignment's cells, points and hidden-test
    sources exactly as the course gradebook does, and no student?"""
    course = load_course(make_toy_course(tmp_path / "course"))
    build(course, progress=lambda line: None)
    copy = tmp_path / "copy.db"
    copy.write_bytes(export_assignment(course.db_url, course.course_id, TOY))
    with Gradebook(course.db_url, course.course_id) as a, Gradebook(f"sqlite:///{copy}", course.course_id) as b:
        first, second = a.find_notebook(TOY, TOY), b.find_notebook(TOY, TOY)
        assert {(c.name, c.max_score) for c in first.grade_cells} == {(c.name, c.max_score) for c in second.grade_cells}
        assert {(c.name, c.source, c.checksum) for c in first.source_cells} == \
            {(c.name, c.source, c.checksum) for c in second.source_cells}
        assert "BEGIN HIDDEN TESTS" in b.find_source_cell("test_square", TOY, TOY).source
        assert b.students == []


def test_regrade_keeps_a_manual_score(tmp_path: Path):
    """Does recording an autograde again keep a grader's manual score and mark the cell
    for review, as nbgrader's SaveAutoGrades does?"""
    course = load_course(make_toy_course(tmp_path / "course"))
    build(course, progress=lambda line: None)
    grades = AutoGrades(TOY, grades={"test_square": (2.0, False), "explain_square": (None, True)})
    with course.gradebook() as gb:
        record_autogrades(gb, TOY, "ann", grades)
        gb.find_grade("test_square", TOY, TOY, "ann").manual_score = 1.0
        gb.db.commit()
        record_autogrades(gb, TOY, "ann", AutoGrades(TOY, grades={"test_square": (0.0, False)}))
        cell = gb.find_grade("test_square", TOY, TOY, "ann")
        assert (cell.auto_score, cell.manual_score, cell.needs_manual_grade) == (0.0, 1.0, True)
        assert len(gb.find_assignment(TOY).submissions) == 1


@pytest.mark.slow
def test_postgres_gradebook_with_two_workers(postgres, tmp_path: Path):
    """Does `--db postgresql://...` build into and grade into a real PostgreSQL server, with
    every student's score in it, graded on 2 workers?"""
    root = tmp_path / "course"
    _built(root, postgres.url)
    students = {"pg_ann": True, "pg_bob": False, "pg_cy": True, "pg_dee": True}
    hand_ins = _hand_ins(tmp_path / "hand-ins", students)
    assert main(["--course", str(root), "--db", postgres.url, "grade", TOY, str(hand_ins),
                 "--workers", "2", "--out", str(tmp_path / "out")]) == 0
    scores = _scores(postgres.url)
    assert {s: scores[s] for s in students} == {s: 2.0 if right else 0.0 for s, right in students.items()}
    assert not (root / "gradebook.db").exists(), "graded into the course's SQLite file instead"


def _two_graders(root: Path, db_url: str, tmp_path: Path) -> list[subprocess.CompletedProcess]:
    """Two `grade` commands at once, on different students, into one gradebook."""
    runs = []
    for name in ("a", "b"):
        hand_ins = _hand_ins(tmp_path / f"hand-ins-{name}", {f"{name}{i}": i % 2 == 0 for i in range(3)})
        runs.append(subprocess.Popen(
            [sys.executable, "-m", "autograde", "--course", str(root), "--db", db_url, "grade", TOY,
             str(hand_ins), "--workers", "1", "--out", str(tmp_path / f"out-{name}")],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ}))
    done = []
    for proc in runs:
        out, err = proc.communicate(timeout=600)
        done.append(subprocess.CompletedProcess(proc.args, proc.returncode, out, err))
    return done


@pytest.mark.slow
@pytest.mark.parametrize("database", ["sqlite", "postgresql"])
def test_two_graders_at_once(database: str, tmp_path: Path, request: pytest.FixtureRequest):
    """Do two graders grading at once into one gradebook (SQLite file or PostgreSQL) both
    finish, with no 'database is locked', and every grade of both in the gradebook?"""
    root = tmp_path / "course"
    url = (f"sqlite:///{root / 'gradebook.db'}" if database == "sqlite"
           else request.getfixturevalue("postgres").url)
    if database == "postgresql":
        url = url.rsplit("/", 1)[0] + "/graders"
        with sqlalchemy.create_engine(url.rsplit("/", 1)[0] + "/course", isolation_level="AUTOCOMMIT").connect() as c:
            c.execute(sqlalchemy.text("CREATE DATABASE graders"))
    _built(root, url)
    runs = _two_graders(root, url, tmp_path)
    for run in runs:
        assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
        assert "locked" not in run.stderr + run.stdout
        assert "already in use" not in run.stderr, run.stderr[-2000:]  # Dask's port 8787, taken by the other
    expected = {f"{name}{i}": 2.0 if i % 2 == 0 else 0.0 for name in "ab" for i in range(3)}
    assert _scores(url) == expected


def test_postgres_is_used_by_ci():
    """Does .ci/run install the PostgreSQL server these tests start (so CI never skips them)?"""
    ci = (Path(__file__).resolve().parent.parent / ".ci" / "run").read_text()
    assert "postgresql" in ci and "apt-get install" in ci


def test_alembic_is_asked_once_per_process(tmp_path: Path):
    """Does every new gradebook get nbgrader's schema version while `alembic heads` (a
    subprocess that imports all of nbgrader) runs at most once in this process?"""
    import nbgrader.api

    load_course(make_toy_course(tmp_path / "course"))
    asked = nbgrader.api.get_alembic_version
    assert hasattr(asked, "cache_info"), "load_course did not cache nbgrader's get_alembic_version"
    truth = asked.__wrapped__()  # the subprocess, once more
    for name in ("one", "two"):
        with Gradebook(f"sqlite:///{tmp_path / name}.db", "toy-course") as gb:
            assert gb.db.execute(sqlalchemy.text("SELECT version_num FROM alembic_version")).scalar() == truth
    assert asked.cache_info().misses <= 1
