"""The student's JupyterLab in a real browser (headless Chromium, driven by Selenium).

A temporary copy of the course is served by JupyterLab on loopback with a random
token, configured as the README's student command configures it. The first test does
what a student does with the first exercise of ps01: run everything, read the
check's message, type an answer, re-run, press nbgrader's Validate. The second opens
every release notebook, answered with the reference solution, runs it and checks that
its markdown, maths and figures render with no error in the browser console, and that
each figure has a title, axis labels and, where it draws several series, a legend.

Screenshots of every step are saved under a temporary folder (its path is printed).
With ``COURSE_DOCS_SCREENSHOTS=docs/screenshots`` the figure of each assignment and
the student's view of Validate are also written there, for the README.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import nbformat
import pytest

from autograde.notebooks import reference_submission
from tests import figure_audit
from tests.assignments import ASSIGNMENTS, RELEASE, ROOT, read_source
from tests.browser import Lab, LabServer, find_chromium
from tests.conftest import missing_tool

pytestmark = pytest.mark.slow

PS01 = "ps01_convolution"
# In ps01, cell 3 is the answer cell of corr2d and cell 4 its visible test.
CORR2D_ANSWER, CORR2D_CHECK = 3, 4
UNANSWERED = "fill in this cell, then run the test cell below it"
WRONG_CORR2D = "def corr2d(X, K): return X"
RIGHT_CORR2D = "def corr2d(X, K): return (X.unfold(0, K.shape[0], 1).unfold(1, K.shape[1], 1) * K).sum((-1, -2))"
# Render every cell at once, so that the page holds every output the test reads.
ALL_CELLS = {"@jupyterlab/notebook-extension:tracker": {"windowingMode": "none"}}
# The figure of each assignment shown in the README (its position among the notebook's figures).
DOCS_FIGURE = {"ps01_convolution": 1, "ps02_stride_padding": 0, "ps03_fcn_vs_cnn": 4, "ps04_sift_backprop": 4,
               "ps05_resnet_gradients": 1, "ps06_filter_puzzle": 0}


@pytest.fixture(scope="module")
def chromium() -> tuple[str, str]:
    found = find_chromium()
    if isinstance(found, str):
        missing_tool(found)
    return found


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    """Where the screenshots go: ``COURSE_SCREENSHOTS`` (a folder, kept) or a temporary one."""
    wanted = os.environ.get("COURSE_SCREENSHOTS")
    folder = Path(wanted).resolve() if wanted else tmp_path_factory.mktemp("browser-screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    print(f"\nbrowser screenshots: {folder}")
    return folder


def _docs_copy(shot: Path, name: str) -> None:
    """Copy a screenshot into COURSE_DOCS_SCREENSHOTS, when that is set."""
    target = os.environ.get("COURSE_DOCS_SCREENSHOTS")
    if target:
        folder = ROOT / target
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shot, folder / f"{name}.png")


@pytest.fixture(scope="module")
def course(tmp_path_factory) -> Path:
    """A copy of what a student gets: ``release/``, the course config and ``jupyter/``; and
    ``answered/<assignment>/``, each release folder with the reference solution in its notebook."""
    root = tmp_path_factory.mktemp("course")
    shutil.copytree(RELEASE, root / "release")
    shutil.copytree(ROOT / "jupyter", root / "jupyter")
    shutil.copyfile(ROOT / "nbgrader_config.py", root / "nbgrader_config.py")
    for name in ASSIGNMENTS:
        shutil.copytree(RELEASE / name, root / "answered" / name)
        answered = reference_submission(read_source(name))
        # First and last, two cells of the test's own: a record of each figure shown, then a report.
        answered.cells = ([nbformat.v4.new_code_cell(figure_audit.AUDIT)] + answered.cells
                          + [nbformat.v4.new_code_cell(figure_audit.REPORT)])
        nbformat.write(answered, root / "answered" / name / f"{name}.ipynb")
    return root


@pytest.fixture(scope="module")
def lab(course, chromium, shots, tmp_path_factory):
    """JupyterLab started with the student configuration, and a browser on it."""
    server = LabServer(course, tmp_path_factory.mktemp("jupyter-home"), course / "jupyter" / "student",
                       settings=ALL_CELLS)
    try:
        browser = Lab(*chromium, shots)
    except Exception as err:  # selenium raises its own types; any of them means no browser here
        server.stop()
        missing_tool(f"Chromium did not start: {err}")
    yield server, browser
    browser.quit()
    server.stop()


def test_student_answers_an_exercise_and_validates(lab):
    """Run all, read the unanswered check, answer wrongly then rightly, press Validate."""
    server, browser = lab
    browser.open(server.page(f"release/{PS01}/{PS01}.ipynb"))
    browser.screenshot("1-opened")
    assert "Nbgrader" in browser.menu_labels()
    nbgrader_menu = browser.menu_items("Nbgrader")
    assert "Formgrader" not in nbgrader_menu and "Course List" not in nbgrader_menu, nbgrader_menu

    assert browser.run_all() is False, "Run All should stop at the first unanswered exercise"
    message = browser.cell_text(CORR2D_CHECK)
    browser.screenshot("2-unanswered", browser.cells()[CORR2D_CHECK])
    assert f"NotImplementedError: {UNANSWERED}" in message and "AssertionError" not in message, message

    browser.replace_cell_source(CORR2D_ANSWER, WRONG_CORR2D)
    assert browser.source_of(CORR2D_ANSWER) == WRONG_CORR2D
    browser.run_cells(CORR2D_ANSWER, CORR2D_CHECK)
    message = browser.cell_text(CORR2D_CHECK)
    browser.screenshot("3-wrong", browser.cells()[CORR2D_CHECK])
    # The course's checks raise AssertionError with a message that says what is wrong.
    assert "AssertionError: corr2d(worked example): got shape (3, 3), expected (2, 2)" in message, message

    browser.replace_cell_source(CORR2D_ANSWER, RIGHT_CORR2D)
    assert browser.source_of(CORR2D_ANSWER) == RIGHT_CORR2D
    browser.run_cells(CORR2D_ANSWER, CORR2D_CHECK)
    assert browser.cell_text(CORR2D_CHECK).strip() == "", browser.cell_text(CORR2D_CHECK)
    browser.screenshot("4-right", browser.cells()[CORR2D_CHECK])

    browser.command("docmanager:save")
    browser.click_button("Validate")
    verdict = browser.dialog_text(timeout=180)
    shot = browser.screenshot("5-validate")
    _docs_copy(shot, "validate")
    # Validate runs the saved notebook in a fresh kernel: corr2d now passes, the
    # exercises still unanswered fail, each with the course's message.
    assert "Validation Results" in verdict and "The following cell failed" in verdict, verdict[:2000]
    assert "conv2d_strided: output size and values" in verdict, verdict[:2000]
    assert "corr2d: the worked example" not in verdict, verdict[:2000]
    assert UNANSWERED in verdict, verdict[:2000]
    assert browser.console_errors() == []


@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_answered_notebook_renders_with_its_figures(lab, name):
    """Markdown and maths render, Run All finishes, every figure shows, the console stays clean."""
    server, browser = lab
    browser.open(server.page(f"answered/{name}/{name}.ipynb"))
    rendered = browser.count(".jp-MarkdownCell .jp-RenderedMarkdown")
    assert rendered == browser.count(".jp-MarkdownCell"), "a markdown cell did not render"
    assert browser.count(".jp-RenderedMarkdown h1") >= 1
    assert browser.count(".jp-RenderedMarkdown mjx-container") > 0, "no formula was typeset"

    assert browser.run_all() is True, f"a cell raised:\n{browser.error_outputs()}"
    assert browser.error_outputs() == []
    expected = browser.images_in_model()
    figures = browser.figures()
    assert expected > 0 and len(figures) == expected, (len(figures), expected)
    for index, figure in enumerate(figures):
        shot = browser.screenshot(f"{name}-figure-{index}", figure)
        if index == DOCS_FIGURE[name]:
            _docs_copy(shot, name)
    assert browser.unloaded_figures() == 0, "a figure's image did not load"
    shown = figure_audit.parse(browser.cell_text(len(browser.cells()) - 1))
    print(f"{name}: {len(shown)} figures shown, {sum(len(f['axes']) for f in shown)} panels")
    assert len(shown) == expected, f"{len(shown)} figures audited, {expected} shown"
    assert figure_audit.problems(shown) == []
    assert browser.console_errors() == []
