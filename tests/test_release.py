"""Is the committed release/ what nbgrader generates from source/, and does it keep
every solution and hidden test away from students?"""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
import pytest

from autograde.course import load_course
from autograde.notebooks import nbgrader_meta
from autograde.pipeline import build
from tests.assignments import ASSIGNMENTS, RELEASE, ROOT, SOURCE, read_source


@pytest.fixture(scope="module")
def fresh_release(tmp_path_factory) -> Path:
    """release/ generated anew, in a copy of the course with its own gradebook."""
    course_dir = tmp_path_factory.mktemp("course")
    shutil.copy(ROOT / "nbgrader_config.py", course_dir)
    shutil.copytree(SOURCE, course_dir / "source")
    course = load_course(course_dir, db_url=f"sqlite:///{course_dir / 'gradebook.db'}")
    build(course, progress=lambda *_: None)
    return course_dir / "release"


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_release_equals_fresh_generation(assignment, fresh_release):
    """Like a lock file: would `python -m autograde build` leave release/ unchanged?"""
    committed, fresh = _files(RELEASE / assignment), _files(fresh_release / assignment)
    assert committed.keys() == fresh.keys(), "release/ lists other files than a fresh build"
    stale = [name for name in fresh if committed[name] != fresh[name]]
    assert not stale, f"release/{assignment} is out of date ({stale}); run: python -m autograde build {assignment}"


def _split(source: str) -> tuple[list[str], list[str]]:
    """(lines a student may see, lines inside solution or hidden-test regions) of a cell."""
    public, secret, inside = [], [], False
    for line in source.splitlines():
        if "BEGIN SOLUTION" in line or "BEGIN HIDDEN TESTS" in line:
            inside = True
        elif "END SOLUTION" in line or "END HIDDEN TESTS" in line:
            inside = False
        else:
            (secret if inside else public).append(line.strip())
    return public, secret


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_release_leaks_no_solution_or_hidden_test(assignment):
    """Does the student notebook hold no marker, no line of a solution or a hidden
    test, no output, and the stub that tells the student what to do?"""
    text = (RELEASE / assignment / f"{assignment}.ipynb").read_text()
    for marker in ("BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS", "END HIDDEN TESTS"):
        assert marker not in text
    public, secret = set(), set()
    for cell in read_source(assignment).cells:
        shown, hidden = _split(cell.source)
        public.update(shown)
        secret.update(line for line in hidden if len(line) > 25)
    assert secret, "found no solution or hidden-test lines to look for"
    release = nbformat.read(RELEASE / assignment / f"{assignment}.ipynb", as_version=4)
    released_lines = {line.strip() for c in release.cells for line in c.source.splitlines()}
    leaks = sorted((secret - public) & released_lines)
    assert not leaks, "release leaks:\n" + "\n".join(leaks)
    for cell in release.cells:
        assert not cell.get("outputs"), f"release cell {cell.id} keeps outputs"
        if nbgrader_meta(cell).get("solution") and cell.cell_type == "code":
            assert "raise NotImplementedError" in cell.source and "YOUR CODE HERE" in cell.source
