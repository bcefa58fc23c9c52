"""Can a student open the release notebook in JupyterLab, with nbgrader's extension on?"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from tests.assignments import ROOT

TOKEN = "course-test-token"


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


@pytest.fixture(scope="module")
def lab_server(tmp_path_factory):
    """A JupyterLab server on loopback, rooted at the course folder."""
    home = tmp_path_factory.mktemp("jupyter-home")
    port = _free_port()
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(home / "config"), "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
           "JUPYTERLAB_WORKSPACES_DIR": str(home / "workspaces")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "jupyter", "lab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
         f"--IdentityProvider.token={TOKEN}", f"--ServerApp.root_dir={ROOT}", "--allow-root"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            _get(f"{base}/api/status")
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail(f"JupyterLab did not start:\n{proc.stderr.read()[-3000:]}")
            time.sleep(0.5)
    yield base
    proc.terminate()
    proc.wait(timeout=30)


@pytest.mark.slow
def test_lab_opens_release_notebook_with_nbgrader(lab_server):
    """Does JupyterLab serve its page with nbgrader's extension and the release notebook as a notebook?"""
    status, page = _get(f"{lab_server}/lab/tree/release/ps01_convolution/ps01_convolution.ipynb")
    assert status == 200
    config = json.loads(re.search(r'<script id="jupyter-config-data" type="application/json">(.*?)</script>',
                                  page, re.S).group(1))
    extensions = {ext["name"] for ext in config.get("federated_extensions", [])}
    assert "@jupyter/nbgrader" in extensions, sorted(extensions)
    assert not any("nbgrader" in name for name in config.get("disabledExtensions", []))
    status, body = _get(f"{lab_server}/api/contents/release/ps01_convolution/ps01_convolution.ipynb?content=1")
    model = json.loads(body)
    assert model["type"] == "notebook"
    assert any("def corr2d" in cell["source"] for cell in model["content"]["cells"])
