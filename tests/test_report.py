"""The class report's figures: per-question statistics and the plot's bars."""

from __future__ import annotations

import pytest

from autograde.report import GradeRow, pass_rate_bars, plot_grades, question_stats

MAX_POINTS = {"sum_correct": 2.0, "explain": 3.0}


def _rows() -> list[GradeRow]:
    return [GradeRow("ada", 5.0, 5.0, {"sum_correct": 2.0, "explain": None}),
            GradeRow("bo", 1.0, 5.0, {"sum_correct": 1.0, "explain": None}),
            GradeRow("cy", 0.0, 5.0, {"sum_correct": 0.0, "explain": None}),
            GradeRow("dee", problem="not a notebook", failure="invalid")]


def test_question_stats_count_only_scored_students():
    """Do ungraded students and written answers still waiting for a person stay out of a
    question's statistics?"""
    summing, explaining = question_stats(_rows(), MAX_POINTS, ["sum_correct", "explain"])
    assert (summing.scored, summing.full_marks, summing.zero, summing.mean) == (3, 1, 1, 1.0)
    assert summing.pass_rate == 1 / 3
    assert (explaining.scored, explaining.mean, explaining.pass_rate) == (0, None, None)


def test_a_question_nobody_has_points_for_is_labelled_not_drawn_as_failed(tmp_path):
    """Is a written answer waiting for a person labelled so in the plot (with no bar, or
    with how many students have points for it), instead of a bar that reads as a
    question the class failed?"""
    stats = question_stats(_rows(), MAX_POINTS, ["sum_correct", "explain"])
    assert pass_rate_bars(stats, 3) == [("sum_correct", pytest.approx(100 / 3)), ("explain (not graded yet)", 0.0)]
    rows = _rows()
    rows[2].points["explain"] = 0.0  # nbgrader scores a blank written answer 0 at once
    assert pass_rate_bars(question_stats(rows, MAX_POINTS, ["explain"]), 3) == [("explain (1 of 3 graded)", 0.0)]
    png = plot_grades(_rows(), stats, "toy", tmp_path / "grades.png")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert plot_grades([], [], "nobody", tmp_path / "empty.png").is_file()
