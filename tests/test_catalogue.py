"""Does the course grade right answers full marks and wrong answers less?

Each file in ``tests/catalogue/<assignment>/wrong/`` is a plausible wrong answer
(the origin notebooks' mistakes that docs/course.md lists, and more): spliced into the notebook, it must fail at
least one of its exercise's graded test cells (visible and hidden). Each file in
``right/`` is another correct answer: it must pass all of them. One kernel per
assignment runs the source notebook once; then each entry replaces the answer,
runs that exercise's test cells, and the reference answer is put back.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.assignments import ASSIGNMENTS, CATALOGUE, defined_names, exercise_defining, exercises, read_source
from tests.kernel import CellResult, NotebookKernel

MIN_WRONG = {"ps01_convolution": 12, "ps02_stride_padding": 10, "ps03_fcn_vs_cnn": 12,
             "ps04_sift_backprop": 30, "ps05_resnet_gradients": 30, "ps06_filter_puzzle": 30}
DEFAULT_MIN_WRONG = 10

ENTRIES = sorted(CATALOGUE.glob("*/*/*.py"))


def _entry_id(path: Path) -> str:
    return f"{path.parts[-3]}/{path.parts[-2]}/{path.stem}"


@pytest.fixture
def kernels(source_runs):
    """``get(assignment)``: the kernel that has run the assignment's source notebook (see
    ``source_runs`` in conftest.py), shared by all entries."""
    def get(assignment: str) -> NotebookKernel:
        run = source_runs(assignment)
        assert not run.problems, f"{assignment}'s source notebook fails: " + "; ".join(run.problems)
        return run.kernel

    return get


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_catalogue_covers_every_exercise(assignment):
    """Has every exercise at least one wrong and one alternative right answer, and
    does the catalogue hold enough wrong answers?"""
    nb = read_source(assignment)
    entries = [p for p in ENTRIES if p.parts[-3] == assignment]
    wrong = [p for p in entries if p.parts[-2] == "wrong"]
    assert len(wrong) >= MIN_WRONG.get(assignment, DEFAULT_MIN_WRONG)
    for exercise in exercises(nb):
        for kind in ("wrong", "right"):
            targets = [p for p in entries if p.parts[-2] == kind
                       and set(defined_names(p.read_text())) & set(exercise.names)]
            assert targets, f"no {kind} answer for {exercise.grade_id} in the catalogue"


@pytest.mark.slow
@pytest.mark.parametrize("entry", ENTRIES, ids=_entry_id)
def test_catalogue_entry_is_graded_as_it_should(entry, kernels):
    """Does this wrong answer lose points (or this right answer keep them all)?"""
    assignment, kind = entry.parts[-3], entry.parts[-2]
    assert kind in ("wrong", "right"), f"{entry}: put it under wrong/ or right/"
    code = entry.read_text()
    nb = read_source(assignment)
    names = defined_names(code)
    targets = {exercise_defining(nb, n).grade_id: exercise_defining(nb, n)
               for n in names if any(n in e.names for e in exercises(nb))}
    assert len(targets) == 1, f"{entry.name} must redefine exactly one exercise's function, found {list(targets)}"
    exercise = next(iter(targets.values()))
    kernel = kernels(assignment)
    loaded = kernel.run(code)
    assert loaded.passed, f"{entry.name} does not even load: {loaded.describe()}"
    try:
        results: dict[str, CellResult] = {gid: kernel.run(src, timeout=60) for gid, src in exercise.tests}
    finally:
        restored = kernel.run(exercise.source)
        assert restored.passed, f"could not restore the reference {exercise.grade_id}: {restored.describe()}"
    report = "\n".join(f"  {gid}: {r.describe()[:300]}" for gid, r in results.items())
    if kind == "wrong":
        assert not all(r.passed for r in results.values()), f"{entry.name} got full marks:\n{report}"
    else:
        assert all(r.passed for r in results.values()), f"{entry.name} lost points:\n{report}"
