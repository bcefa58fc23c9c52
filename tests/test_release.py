"""Is the committed release/ what nbgrader generates from source/, and does it keep
every solution and hidden test away from students?"""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
import pytest

from autograde.course import load_course
from autograde.feedback import hidden_test_lines
from autograde.leaks import INSTRUCTOR_DIR, PRIVATE_VALUES, find_leaks, private_values, secret_lines
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
    configured = load_course(ROOT).config.Course.assignments
    assert assignment in configured, (f"source/{assignment}/ is not built: add {assignment!r} to "
                                      f"c.Course.assignments in nbgrader_config.py")
    committed, fresh = _files(RELEASE / assignment), _files(fresh_release / assignment)
    assert committed.keys() == fresh.keys(), "release/ lists other files than a fresh build"
    stale = [name for name in fresh if committed[name] != fresh[name]]
    assert not stale, f"release/{assignment} is out of date ({stale}); run: python -m autograde build {assignment}"


def _release_files(assignment: str) -> list[Path]:
    return sorted(p for p in (RELEASE / assignment).rglob("*") if p.is_file())


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_release_leaks_no_solution_or_hidden_test(assignment):
    """Does no file under release/<a>/ (notebook, data, anything) hold a marker, a line of
    a solution or a hidden test, or a value listed in instructor/<a>/private_values.txt?"""
    secret = secret_lines(read_source(assignment))
    assert secret, "found no solution or hidden-test lines to look for"
    leaks = find_leaks(_release_files(assignment), secret, private_values(ROOT, assignment))
    assert not leaks, "release leaks:\n" + "\n".join(map(str, leaks))


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_release_notebook_has_stubs_and_no_outputs(assignment):
    """Does the student notebook keep no output, and give every answer cell the stub that says what to do?"""
    release = nbformat.read(RELEASE / assignment / f"{assignment}.ipynb", as_version=4)
    for cell in release.cells:
        assert not cell.get("outputs"), f"release cell {cell.id} keeps outputs"
        if nbgrader_meta(cell).get("solution") and cell.cell_type == "code":
            assert "raise NotImplementedError" in cell.source and "YOUR CODE HERE" in cell.source


def test_the_scan_finds_planted_secrets(tmp_path):
    """Would the scan catch a hidden-test line in a data file, a solution line in a notebook
    output, a marker, and a private value in a CSV and in a binary file?"""
    assignment = "ps01_convolution"
    source = read_source(assignment)
    hidden, solution = sorted(hidden_test_lines(source.cells, 20)), sorted(secret_lines(source))
    solution = [line for line in solution if line not in hidden]
    folder = tmp_path / "release" / assignment
    shutil.copytree(RELEASE / assignment, folder)
    private = tmp_path / INSTRUCTOR_DIR / assignment / PRIVATE_VALUES
    private.parent.mkdir(parents=True)
    private.write_text("# the puzzle's answer\n[[1, 0, -1], [2, 0, -2], [1, 0, -1]]\norder=2,0,1\n")
    values = private_values(tmp_path, assignment)
    assert values == ["[[1, 0, -1], [2, 0, -2], [1, 0, -1]]", "order=2,0,1"]
    assert find_leaks(sorted(p for p in folder.rglob("*") if p.is_file()), secret_lines(source), values) == []

    (folder / "data").mkdir()
    (folder / "data" / "notes.txt").write_text(f"some text\n    {hidden[0]}\n")
    (folder / "data" / "answer.csv").write_text("k\n[[1, 0, -1], [2, 0, -2], [1, 0, -1]]\n")
    (folder / "data" / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\xff order=2,0,1 \x00\xfe")
    nb = nbformat.read(folder / f"{assignment}.ipynb", as_version=4)
    nb.cells[0].outputs = [nbformat.v4.new_output("stream", name="stdout", text=solution[0] + "\n")]
    nb.cells[0].cell_type = "code"
    nb.cells[1].source += "\n### BEGIN HIDDEN TESTS"
    nbformat.write(nb, folder / f"{assignment}.ipynb")

    found = {(p.relative_to(folder).as_posix(), kind, what)
             for p, kind, what in ((leak.path, leak.kind, leak.what) for leak in
                                   find_leaks(sorted(p for p in folder.rglob("*") if p.is_file()),
                                              secret_lines(source), values))}
    assert found == {
        ("data/notes.txt", "solution or hidden test", hidden[0]),
        ("data/answer.csv", "private value", values[0]),
        ("data/image.png", "private value", values[1]),
        (f"{assignment}.ipynb", "solution or hidden test", solution[0]),
        (f"{assignment}.ipynb", "marker", "BEGIN HIDDEN TESTS"),
    }
