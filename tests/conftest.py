"""Fixtures shared by the test files."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator, NoReturn

import pytest

from autograde.notebooks import nbgrader_meta
from tests.assignments import read_source, source_path
from tests.kernel import NotebookKernel

#: The repository: an nbgrader course folder and the installable package.
REPO = Path(__file__).resolve().parent.parent


#: Set by .ci/run, which installs Chromium, bubblewrap and PostgreSQL: a test that finds
#: one of them unable to run fails instead of being skipped.
REQUIRE_TOOLS = os.environ.get("COURSE_REQUIRE_TOOLS") == "1"


def missing_tool(reason: str) -> NoReturn:
    """Skip the test, saying why; fail it instead where ``COURSE_REQUIRE_TOOLS=1``."""
    if REQUIRE_TOOLS:
        pytest.fail(f"{reason} (COURSE_REQUIRE_TOOLS=1: this machine was meant to have it)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The repository root (holds nbgrader_config.py, source/, release/)."""
    return REPO


@pytest.fixture
def no_course_db_url(monkeypatch: pytest.MonkeyPatch) -> None:
    """Unset COURSE_DB_URL, so that a course folder uses its own SQLite gradebook."""
    monkeypatch.delenv("COURSE_DB_URL", raising=False)


@dataclass
class SourceRun:
    """One assignment's source notebook, run top to bottom in a kernel that stays alive."""

    kernel: NotebookKernel
    seconds: float
    problems: list[str] = field(default_factory=list)  # errors, and stderr of graded cells


@pytest.fixture(scope="session")
def source_runs() -> Iterator[Callable[[str], SourceRun]]:
    """``get(assignment)``: its source notebook run once per session, timed, in a kernel
    that the catalogue then reuses (so each notebook runs once, not once per test file)."""
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
            live[assignment] = SourceRun(kernel, time.perf_counter() - start, problems)
        return live[assignment]

    yield get
    for run in live.values():
        run.kernel.close()
