"""Does nbgrader_config.py describe the course as docs/course.md and the README say?"""

from __future__ import annotations

import pytest

from autograde.course import CourseError, load_course
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


def test_one_list_of_assignments(monkeypatch):
    """Do c.Course.assignments, source/, authoring/ and release/ name the same assignments
    (a configured name with none of them is planned)?"""
    monkeypatch.delenv("COURSE_DB_URL", raising=False)
    assert load_course(ROOT).assignment_list_problems() == []


def test_a_disagreement_says_what_is_missing_where(tmp_path, monkeypatch):
    """Does a course folder whose lists disagree get one line per problem, with the fix?"""
    monkeypatch.delenv("COURSE_DB_URL", raising=False)
    config = (ROOT / "nbgrader_config.py").read_text().replace('    "ps02_stride_padding",\n', "")
    (tmp_path / "nbgrader_config.py").write_text(config)
    for name in ("ps01_convolution", "ps02_stride_padding"):
        (tmp_path / "source" / name).mkdir(parents=True)
        (tmp_path / "source" / name / f"{name}.ipynb").write_text("{}")
        (tmp_path / "release" / name).mkdir(parents=True)
        (tmp_path / "release" / name / f"{name}.ipynb").write_text("{}")
    (tmp_path / "authoring").mkdir()
    (tmp_path / "authoring" / "ps01_convolution.py").write_text("")
    (tmp_path / "authoring" / "ps04_sift_backprop.py").write_text("")
    course = load_course(tmp_path)
    assert course.assignment_list_problems() == [
        "ps02_stride_padding is in source/, release/ but not in c.Course.assignments: add it to nbgrader_config.py",
        "source/ps02_stride_padding/ps02_stride_padding.ipynb has no authoring/ps02_stride_padding.py: "
        "write the script the notebook is built from (see authoring/build.py)",
        "authoring/ps04_sift_backprop.py has no source/ps04_sift_backprop/ps04_sift_backprop.ipynb: "
        "run: python authoring/build.py ps04_sift_backprop",
    ]
    with pytest.raises(CourseError, match="ps02_stride_padding is not in c.Course.assignments: add it to"):
        course.check_assignment("ps02_stride_padding")
