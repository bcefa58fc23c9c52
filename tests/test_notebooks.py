"""Is the source notebooks' nbgrader metadata the contract docs/course.md asks for, and
are they what their authoring scripts build? (That they run, top to bottom, with every
test cell passing, in under a minute, is tested in test_catalogue.py, which reuses
those runs.)"""

from __future__ import annotations

import pytest

from autograde.notebooks import nbgrader_meta
from tests.assignments import ASSIGNMENTS, exercises, read_source

def test_every_assignment_is_found():
    """Is ps01 there? (A test collection that finds no notebook must not pass quietly.)"""
    assert "ps01_convolution" in ASSIGNMENTS


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_metadata_is_the_grading_contract(assignment):
    """100 points, unique grade ids, locked test cells that open with a docstring,
    every answer followed by a test, written answers in markdown?"""
    nb = read_source(assignment)
    graded = [c for c in nb.cells if nbgrader_meta(c).get("grade")]
    ids = [nbgrader_meta(c)["grade_id"] for c in nb.cells if nbgrader_meta(c)]
    assert len(ids) == len(set(ids)), f"duplicate grade_id in {ids}"
    assert sum(nbgrader_meta(c)["points"] for c in graded) == 100
    for cell in graded:
        meta = nbgrader_meta(cell)
        assert meta["points"] > 0, meta["grade_id"]
        if cell.cell_type == "code":
            assert meta["locked"] and not meta["solution"], f"{meta['grade_id']} must be a locked test cell"
            assert cell.source.lstrip().startswith('"""'), f"{meta['grade_id']} must open with a docstring"
        else:
            assert meta["solution"], f"{meta['grade_id']}: a graded markdown cell must be a written answer"
            assert "BEGIN SOLUTION" in cell.source, f"{meta['grade_id']} needs a reference answer"
    for exercise in exercises(nb):
        assert exercise.tests, f"answer cell {exercise.grade_id} has no test cell after it"
        assert "BEGIN SOLUTION" in exercise.source
    assert any(c.cell_type == "markdown" and nbgrader_meta(c).get("grade") for c in nb.cells), \
        "every assignment has at least one manually graded written answer"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_source_notebook_matches_its_authoring_script(assignment):
    """Is source/<a>/<a>.ipynb exactly what authoring/<a>.py builds (so reviews can read the script)?"""
    import subprocess
    import sys

    from tests.assignments import ROOT

    assert (ROOT / "authoring" / f"{assignment}.py").is_file(), f"authoring/{assignment}.py is missing"
    check = subprocess.run([sys.executable, str(ROOT / "authoring" / "build.py"), "--check", assignment],
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
