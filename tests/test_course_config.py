"""Does nbgrader_config.py describe the course as COURSE.md and the README say?"""

from __future__ import annotations

from autograde.course import load_course
from tests.assignments import ROOT

SIX = ["ps01_convolution", "ps02_stride_padding", "ps03_fcn_vs_cnn",
       "ps04_sift_backprop", "ps05_resnet_gradients", "ps06_filter_puzzle"]


def test_course_lists_the_six_assignments_in_order(monkeypatch):
    """Are the six assignments configured in teaching order, with a per-cell timeout and a stub that says what to do?"""
    monkeypatch.delenv("COURSE_DB_URL", raising=False)
    course = load_course(ROOT)
    assert list(course.config.Course.assignments) == SIX
    assert course.course_id == "cnn-hands-on"
    assert 60 <= course.config.ExecutePreprocessor.timeout <= 600
    stub = course.config.ClearSolutions.code_stub["python"]
    assert "YOUR CODE HERE" in stub and "raise NotImplementedError" in stub
    assert set(course.assignments) <= set(SIX) and "ps01_convolution" in course.assignments


def test_gradebook_is_sqlite_beside_the_config_by_default(monkeypatch):
    """Without COURSE_DB_URL, is the gradebook the SQLite file gradebook.db in the course folder?"""
    monkeypatch.delenv("COURSE_DB_URL", raising=False)
    assert load_course(ROOT).db_url == f"sqlite:///{ROOT / 'gradebook.db'}"


def test_gradebook_url_comes_from_the_environment(monkeypatch, tmp_path):
    """With COURSE_DB_URL set (any SQLAlchemy URL, e.g. PostgreSQL), is that the gradebook?"""
    url = "postgresql://grader@localhost/cnn_course"
    monkeypatch.setenv("COURSE_DB_URL", url)
    assert load_course(ROOT).db_url == url
