"""Fixtures shared by the test files."""

from __future__ import annotations

from pathlib import Path

import pytest

#: The repository: an nbgrader course folder and the installable package.
REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The repository root (holds nbgrader_config.py, source/, release/)."""
    return REPO


@pytest.fixture
def no_course_db_url(monkeypatch: pytest.MonkeyPatch) -> None:
    """Unset COURSE_DB_URL, so that a course folder uses its own SQLite gradebook."""
    monkeypatch.delenv("COURSE_DB_URL", raising=False)
