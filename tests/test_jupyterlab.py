"""Can a student open the release notebook in JupyterLab, with nbgrader's extension on?"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from tests.assignments import ROOT

TOKEN = "course-test-token"
# nbgrader's JupyterLab plugins: on for students, and off for them (an instructor's tools).
STUDENT_ON = ("validate-assignment", "assignment-list", "menu")
STUDENT_OFF = ("formgrader", "create-assignment", "course-list")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[int, str]:
    request = urllib.request.Request(url, headers={"Authorization": f"token {TOKEN}"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, response.read().decode()


def test_nbgrader_labextension_is_enabled():
    """Does `jupyter labextension list` show nbgrader's extension, enabled?"""
    out = subprocess.run([sys.executable, "-m", "jupyter", "labextension", "list"],
                         capture_output=True, text=True, check=True)
    text = re.sub(r"\x1b\[[0-9;]*m", "", out.stdout + out.stderr)
    assert re.search(r"@jupyter/nbgrader v\S+ enabled", text), text


def _start_lab(home, role: str):
    """A JupyterLab server on loopback, rooted at the course folder, configured for
    ``role`` ("student" or "instructor") as the README's commands configure it."""
    port = _free_port()
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(home / "config"), "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
           "JUPYTERLAB_WORKSPACES_DIR": str(home / "workspaces"), "JUPYTER_CONFIG_PATH": str(ROOT / "jupyter" / role)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "jupyter", "lab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
         f"--IdentityProvider.token={TOKEN}", f"--ServerApp.root_dir={ROOT}", "--allow-root"],
        env=env, stdout=subprocess.DEVNULL, stderr=(home / "lab.log").open("w"))
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            _get(f"{base}/api/status")
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail(f"JupyterLab did not start:\n{(home / 'lab.log').read_text()[-3000:]}")
            time.sleep(0.5)
    return proc, base


def _page_config(base: str, path: str) -> dict:
    status, page = _get(f"{base}/lab/tree/{path}")
    assert status == 200
    return json.loads(re.search(r'<script id="jupyter-config-data" type="application/json">(.*?)</script>',
                                page, re.S).group(1))


def _status(url: str) -> int:
    try:
        return _get(url)[0]
    except urllib.error.HTTPError as err:
        return err.code


@pytest.fixture(scope="module")
def lab_server(tmp_path_factory):
    """JupyterLab as a student starts it (``JUPYTER_CONFIG_PATH=jupyter/student``)."""
    proc, base = _start_lab(tmp_path_factory.mktemp("jupyter-home"), "student")
    yield base
    proc.terminate()
    proc.wait(timeout=30)


@pytest.mark.slow
def test_lab_opens_release_notebook_with_nbgrader(lab_server):
    """Does JupyterLab serve its page with nbgrader's extension and the release notebook as a notebook?"""
    config = _page_config(lab_server, "release/ps01_convolution/ps01_convolution.ipynb")
    extensions = {ext["name"] for ext in config.get("federated_extensions", [])}
    assert "@jupyter/nbgrader" in extensions, sorted(extensions)
    disabled = set(config.get("disabledExtensions", []))
    assert {f"@jupyter/nbgrader:{p}" for p in STUDENT_OFF} <= disabled, sorted(disabled)
    assert not {f"@jupyter/nbgrader:{p}" for p in STUDENT_ON} & disabled, sorted(disabled)
    status, body = _get(f"{lab_server}/api/contents/release/ps01_convolution/ps01_convolution.ipynb?content=1")
    model = json.loads(body)
    assert model["type"] == "notebook"
    assert any("def corr2d" in cell["source"] for cell in model["content"]["cells"])


@pytest.mark.slow
def test_student_lab_serves_no_formgrader(lab_server):
    """The formgrader's pages (the gradebook, the hidden tests) are not served to a student."""
    assert _status(f"{lab_server}/formgrader") == 404
    assert _status(f"{lab_server}/api/contents/release") == 200


@pytest.mark.slow
def test_instructor_lab_has_every_nbgrader_tool(tmp_path):
    """``JUPYTER_CONFIG_PATH=jupyter/instructor`` turns formgrader and create-assignment on."""
    proc, base = _start_lab(tmp_path, "instructor")
    try:
        disabled = set(_page_config(base, "source/ps01_convolution/ps01_convolution.ipynb")["disabledExtensions"])
        assert not {f"@jupyter/nbgrader:{p}" for p in STUDENT_ON + STUDENT_OFF} & disabled, sorted(disabled)
        assert _status(f"{base}/formgrader") in (200, 302)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
