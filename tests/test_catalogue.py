"""Does the course grade right answers full marks and wrong answers less?

Each file in ``tests/catalogue/<assignment>/wrong/`` is a plausible wrong answer
(the origin notebooks' mistakes that docs/course.md lists, and more): spliced into the notebook, it must fail at
least one of its exercise's graded test cells (visible and hidden). Each file in
``right/`` is another correct answer: it must pass all of them. One kernel per
assignment runs the source notebook once; then each entry replaces the answer,
runs that exercise's test cells, and the reference answer is put back. That first
run is a test of its own: the source notebook runs top to bottom, every test cell
passing, in under a minute.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

import pytest

from autograde.notebooks import nbgrader_meta
from tests.assignments import (ASSIGNMENTS, CATALOGUE, defined_names, exercise_defining, exercises, read_source,
                               source_path)
from tests.kernel import CellResult, NotebookKernel

#: docs/course.md, ground rules: each source notebook executes in under 60 s on a 2-core CPU.
TIME_LIMIT_S = 60

MIN_WRONG = {"ps01_convolution": 12, "ps02_stride_padding": 10, "ps03_fcn_vs_cnn": 12,
             "ps04_sift_backprop": 30, "ps05_resnet_gradients": 30, "ps06_filter_puzzle": 30}
DEFAULT_MIN_WRONG = 10

ENTRIES = sorted(CATALOGUE.glob("*/*/*.py"))


def _entry_id(path: Path) -> str:
    return f"{path.parts[-3]}/{path.parts[-2]}/{path.stem}"


@dataclass
class SourceRun:
    """One assignment's source notebook, run top to bottom in a kernel that stays alive."""

    kernel: NotebookKernel
    seconds: float  # wall time
    cpu_seconds: float  # the kernel's CPU time
    problems: list[str] = field(default_factory=list)  # errors, and stderr of graded cells


@pytest.fixture(scope="module")
def source_runs() -> Iterator[Callable[[str], SourceRun]]:
    """``get(assignment)``: its source notebook run once, timed, in a kernel that the
    catalogue's entries then reuse."""
    live: dict[str, SourceRun] = {}

    def get(assignment: str) -> SourceRun:
        if assignment not in live:
            start = time.perf_counter()
            kernel = NotebookKernel(source_path(assignment).parent)
            problems = []
            for cell in read_source(assignment).cells:
                if cell.cell_type != "code":
                    continue
                result = kernel.run(cell.source)
                if result.error or result.timed_out:
                    problems.append(f"{cell.id}: {result.describe()}")
                elif result.stderr and nbgrader_meta(cell).get("grade"):
                    problems.append(f"{cell.id} wrote to stderr (nbgrader scores that 0): {result.stderr}")
            live[assignment] = SourceRun(kernel, time.perf_counter() - start, kernel.cpu_seconds(), problems)
        return live[assignment]

    yield get
    for run in live.values():
        run.kernel.close()


@pytest.mark.slow
@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_source_executes_with_every_test_passing(assignment, source_runs):
    """Does the instructor's notebook run top to bottom in under a minute, with no cell
    raising and no graded cell writing to stderr (which nbgrader scores 0)? The minute is
    the kernel's CPU time: its wall time alone on this machine (one thread), which the
    tests running beside it would inflate."""
    run = source_runs(assignment)
    assert not run.problems, "\n".join(run.problems)
    print(f"{assignment} executed in {run.cpu_seconds:.1f} s of CPU ({run.seconds:.1f} s wall)")
    assert run.cpu_seconds < TIME_LIMIT_S, f"{assignment} took {run.cpu_seconds:.0f} s of CPU (limit {TIME_LIMIT_S} s)"


@pytest.fixture
def kernels(source_runs):
    """``get(assignment)``: the kernel that has run the assignment's source notebook (see
    :func:`source_runs`), shared by all entries."""
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
