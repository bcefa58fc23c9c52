"""Can a student open the release notebook in JupyterLab, with nbgrader's extension on?"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.assignments import ROOT
from tests.browser import LabServer

# nbgrader's JupyterLab plugins: on for students, and off for them (an instructor's tools).
STUDENT_ON = ("validate-assignment", "assignment-list", "menu")
STUDENT_OFF = ("formgrader", "create-assignment", "course-list")


def test_nbgrader_labextension_is_enabled():
    """Does `jupyter labextension list` show nbgrader's extension, enabled?"""
    out = subprocess.run([sys.executable, "-m", "jupyter", "labextension", "list"],
                         capture_output=True, text=True, check=True)
    text = re.sub(r"\x1b\[[0-9;]*m", "", out.stdout + out.stderr)
    assert re.search(r"@jupyter/nbgrader v\S+ enabled", text), text


def _lab(home: Path, role: str) -> LabServer:
    """JupyterLab rooted at the course folder, configured for ``role`` ("student" or
    "instructor") as the README's commands configure it."""
    return LabServer(ROOT, home, ROOT / "jupyter" / role)


def _page_config(lab: LabServer, path: str) -> dict:
    status, page = lab.get(f"/lab/tree/{path}")
    assert status == 200
    return json.loads(re.search(r'<script id="jupyter-config-data" type="application/json">(.*?)</script>',
                                page, re.S).group(1))


@pytest.fixture(scope="module")
def lab_server(tmp_path_factory):
    """JupyterLab as a student starts it (``JUPYTER_CONFIG_PATH=jupyter/student``)."""
    lab = _lab(tmp_path_factory.mktemp("jupyter-home"), "student")
    yield lab
    lab.stop()


@pytest.mark.slow
def test_lab_opens_release_notebook_with_nbgrader(lab_server):
    """Does JupyterLab serve its page with nbgrader's extension and the release notebook as a notebook?"""
    config = _page_config(lab_server, "release/ps01_convolution/ps01_convolution.ipynb")
    extensions = {ext["name"] for ext in config.get("federated_extensions", [])}
    assert "@jupyter/nbgrader" in extensions, sorted(extensions)
    disabled = set(config.get("disabledExtensions", []))
    assert {f"@jupyter/nbgrader:{p}" for p in STUDENT_OFF} <= disabled, sorted(disabled)
    assert not {f"@jupyter/nbgrader:{p}" for p in STUDENT_ON} & disabled, sorted(disabled)
    status, body = lab_server.get("/api/contents/release/ps01_convolution/ps01_convolution.ipynb?content=1")
    model = json.loads(body)
    assert model["type"] == "notebook"
    assert any("def corr2d" in cell["source"] for cell in model["content"]["cells"])


@pytest.mark.slow
def test_student_lab_serves_no_formgrader(lab_server):
    """The formgrader's pages (the gradebook, the hidden tests) are not served to a student."""
    assert lab_server.get("/formgrader")[0] == 404
    assert lab_server.get("/api/contents/release")[0] == 200


@pytest.mark.slow
def test_instructor_lab_has_every_nbgrader_tool(tmp_path):
    """``JUPYTER_CONFIG_PATH=jupyter/instructor`` turns formgrader and create-assignment on."""
    lab = _lab(tmp_path, "instructor")
    try:
        disabled = set(_page_config(lab, "source/ps01_convolution/ps01_convolution.ipynb")["disabledExtensions"])
        assert not {f"@jupyter/nbgrader:{p}" for p in STUDENT_ON + STUDENT_OFF} & disabled, sorted(disabled)
        assert lab.get("/formgrader")[0] in (200, 302)
    finally:
        lab.stop()
