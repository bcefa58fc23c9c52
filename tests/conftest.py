"""Fixtures shared by the test files."""

from __future__ import annotations

import os
from pathlib import Path
from typing import NoReturn

import pytest

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


#: The test files that take minutes, longest first. ``python -m pytest`` runs the files
#: on two pytest-xdist workers (``-n 2 --dist loadfile`` in pyproject.toml), each file
#: whole on one worker (its module fixtures run once); starting with these, the quick
#: files fill the other worker's gaps instead of leaving one long file to run alone at
#: the end. (Several of these grade on two Dask workers of their own: the suite's times
#: are CPU time shared, never a test's limit: see ``NotebookKernel.cpu_seconds``.)
LONGEST_FIRST = ("test_catalogue", "test_demo", "test_class_grading", "test_browser",
                 "test_gradebook", "test_autograde", "test_sandbox")


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Put the files of :data:`LONGEST_FIRST` first, in that order (a stable sort: the
    tests of a file keep their order)."""
    rank = {name: i for i, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.stem, len(rank)))
