"""A real browser on a real JupyterLab: the student's view of the course, driven by Selenium.

`LabServer` starts JupyterLab on loopback with a random token, in a folder of its own,
configured as the README's student command configures it (``jupyter/student``).
`Lab` drives Debian's Chromium through chromedriver and reads the page the way a
student would see it. The tests in ``test_browser.py`` use both.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")
DRIVER_NAMES = ("chromedriver",)

# What the tests read while the page changes: a notebook's cells, their outputs.
CELL = ".jp-Notebook .jp-Cell"
OUTPUT = ".jp-OutputArea-output"


def find_chromium() -> tuple[str, str] | str:
    """``(browser, driver)`` paths, or the reason there are none."""
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (python -m pip install -r requirements.txt)"
    browser = next((shutil.which(n) for n in CHROMIUM_NAMES if shutil.which(n)), None)
    driver = next((shutil.which(n) for n in DRIVER_NAMES if shutil.which(n)), None)
    if not browser or not driver:
        return ("no Chromium with chromedriver on PATH (Debian: apt-get install chromium "
                "chromium-driver; .ci/run installs both)")
    return browser, driver


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LabServer:
    """JupyterLab serving ``root`` on loopback, as a student starts it.

    The Jupyter config, runtime and workspace folders live under ``home`` so that
    nothing of the machine's own Jupyter settings leaks in; ``config_path`` is the
    course's ``jupyter/student`` (or ``jupyter/instructor``) folder.
    """

    def __init__(self, root: Path, home: Path, config_path: Path, settings: dict | None = None):
        self.root, self.token, self.port = root, secrets.token_urlsafe(24), _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        labconfig = home / "config" / "labconfig"
        labconfig.mkdir(parents=True, exist_ok=True)
        if settings:   # test-only setting overrides, e.g. render every cell at once
            (labconfig / "default_setting_overrides.json").write_text(json.dumps(settings))
        env = {**os.environ, "JUPYTER_CONFIG_DIR": str(home / "config"),
               "JUPYTER_CONFIG_PATH": str(config_path), "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
               "JUPYTERLAB_WORKSPACES_DIR": str(home / "workspaces"), "JUPYTER_DATA_DIR": str(home / "data")}
        env.pop("JUPYTER_PLATFORM_DIRS", None)
        self.log = (home / "lab.log").open("w")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "jupyter", "lab", "--no-browser", "--ip=127.0.0.1", f"--port={self.port}",
             f"--IdentityProvider.token={self.token}", f"--ServerApp.root_dir={root}", "--allow-root",
             "--LabApp.expose_app_in_browser=True"],
            cwd=root, env=env, stdout=self.log, stderr=subprocess.STDOUT)
        self._wait_until_up(home / "lab.log")

    def _wait_until_up(self, log: Path, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        while True:
            try:
                self.get("/api/status")
                return
            except OSError:
                if self.proc.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError(f"JupyterLab did not start:\n{log.read_text()[-3000:]}")
                time.sleep(0.5)

    def get(self, path: str) -> tuple[int, str]:
        request = urllib.request.Request(self.url + path, headers={"Authorization": f"token {self.token}"})
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as err:
            return err.code, ""

    def page(self, path: str) -> str:
        """The address a browser opens to see ``path`` (relative to the root) in JupyterLab,
        alone: ``reset`` starts from an empty workspace instead of reopening earlier tabs."""
        return f"{self.url}/lab/tree/{path}?token={self.token}&reset"   # reset: no tabs restored

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()


class Lab:
    """Headless Chromium on a `LabServer`, with the few moves a student makes."""

    def __init__(self, browser: str, driver: str, shots: Path):
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service

        options = webdriver.ChromeOptions()
        options.binary_location = browser
        for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000",
                    "--disable-gpu", "--no-first-run", "--disable-extensions"):
            options.add_argument(arg)
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        self.driver = webdriver.Chrome(service=Service(executable_path=driver), options=options)
        self.driver.set_script_timeout(240)
        self.shots, self.console = shots, []
        shots.mkdir(parents=True, exist_ok=True)

    # -- the page -------------------------------------------------------------------
    def open(self, url: str, timeout: float = 90) -> None:
        """Open a notebook and wait until its kernel is idle and its cells are on the page.

        The notebook open before is saved first, as a student would, so that leaving it
        raises no "unsaved changes" prompt, and its kernel is shut down."""
        if self.driver.execute_script("return !!(window.jupyterapp && window.jupyterapp.shell.currentWidget)"):
            self.command("docmanager:save")
            self.driver.execute_async_script("""
                const done = arguments[arguments.length - 1], w = window.jupyterapp.shell.currentWidget;
                (w.sessionContext ? w.sessionContext.shutdown() : Promise.resolve()).then(() => done(), () => done());""")
        self.driver.get(url)
        self.wait_for("""
            const app = window.jupyterapp, w = app && app.shell.currentWidget;
            const kernel = w && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel;
            return !!(kernel && kernel.status === 'idle' && w.content.widgets.length > 0
                      && document.querySelectorAll('.jp-Notebook .jp-Cell').length > 0);
            """, timeout, "the notebook and an idle kernel")

    def wait_for(self, script: str, timeout: float, what: str) -> object:
        """Poll a JavaScript condition until it is truthy; fail saying what did not happen."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = self.driver.execute_script(script)
            if value:
                return value
            time.sleep(0.25)
        self.screenshot("timeout")
        raise AssertionError(f"waited {timeout:.0f} s for {what}")

    def command(self, name: str) -> object:
        """Run a JupyterLab command (as a menu item would) and wait for it to finish."""
        return self.driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "window.jupyterapp.commands.execute(arguments[0]).then(r => done(r === undefined ? null : r),"
            " e => done('error: ' + e));", name)

    def run_all(self) -> object:
        """Run > Run All Cells; returns False when a cell raised (JupyterLab stops there)."""
        return self.command("notebook:run-all-cells")

    def count(self, selector: str) -> int:
        return len(self.driver.find_elements("css selector", selector))

    def menu_labels(self) -> list[str]:
        return self.driver.execute_script(
            "return Array.from(document.querySelectorAll('.lm-MenuBar-itemLabel')).map(e => e.textContent)")

    def menu_items(self, menu: str) -> list[str]:
        """The labels of a main-menu menu's items, read by opening it (then closing it)."""
        from selenium.webdriver.common.keys import Keys

        self.driver.find_element(
            "xpath", f"//div[contains(@class, 'lm-MenuBar-itemLabel') and text()='{menu}']").click()
        items = self.wait_for("""
            const labels = Array.from(document.querySelectorAll('.lm-Menu .lm-Menu-itemLabel'));
            return labels.length ? labels.map(e => e.textContent).filter(t => t) : null;""", 10, f"the {menu} menu")
        self.driver.find_element("css selector", "body").send_keys(Keys.ESCAPE)
        return list(items)

    def error_outputs(self) -> list[str]:
        """The text of every error output in the notebook's model (what a run raised)."""
        return self.driver.execute_script("""
            const cells = window.jupyterapp.shell.currentWidget.content.model.cells, errors = [];
            for (let i = 0; i < cells.length; i++) {
              const outputs = cells.get(i).outputs;
              if (!outputs) continue;
              for (let j = 0; j < outputs.length; j++) {
                const o = outputs.get(j).toJSON();
                if (o.output_type === 'error') errors.push(`cell ${i}: ${o.ename}: ${o.evalue}`);
              }
            }
            return errors;""")

    def images_in_model(self) -> int:
        """How many image/png outputs the notebook's cells hold after the run."""
        return self.driver.execute_script("""
            const cells = window.jupyterapp.shell.currentWidget.content.model.cells;
            let n = 0;
            for (let i = 0; i < cells.length; i++) {
              const outputs = cells.get(i).outputs;
              for (let j = 0; outputs && j < outputs.length; j++) {
                if (outputs.get(j).data['image/png'] !== undefined) n++;
              }
            }
            return n;""")

    def figures(self) -> list:
        """The rendered images of the notebook's outputs, in page order."""
        return self.driver.find_elements("css selector", ".jp-OutputArea-output.jp-RenderedImage img")

    def unloaded_figures(self) -> int:
        """How many output images the browser could not decode (zero width)."""
        return self.driver.execute_script("""
            return Array.from(document.querySelectorAll('.jp-OutputArea-output.jp-RenderedImage img'))
                        .filter(img => !(img.complete && img.naturalWidth > 0)).length;""")

    def cells(self) -> list:
        return self.driver.find_elements("css selector", CELL)

    def cell_text(self, index: int, part: str = ".jp-OutputArea") -> str:
        """The text of cell ``index``'s outputs (or of another part of it), as rendered."""
        found = self.cells()[index].find_elements("css selector", part)
        return "\n".join(e.get_attribute("textContent") for e in found)

    def replace_cell_source(self, index: int, code: str) -> None:
        """Click into a code cell, select all of it and type ``code`` (one line) instead."""
        from selenium.webdriver.common.action_chains import ActionChains
        from selenium.webdriver.common.keys import Keys

        editor = self.cells()[index].find_element("css selector", ".cm-content")
        self.driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", editor)
        editor.click()
        ActionChains(self.driver).key_down(Keys.CONTROL).send_keys("a").key_up(Keys.CONTROL).perform()
        ActionChains(self.driver).send_keys(Keys.DELETE).send_keys(code).perform()

    def run_cells(self, *indices: int) -> None:
        """Select each cell and press Ctrl+Enter, waiting for its run to finish."""
        for index in indices:
            self.driver.execute_script("""
                const nb = window.jupyterapp.shell.currentWidget.content;
                nb.activeCellIndex = arguments[0]; nb.mode = 'command';""", index)
            self.command("notebook:run-cell")
            self.wait_for("""
                const w = window.jupyterapp.shell.currentWidget;
                return w.sessionContext.session.kernel.status === 'idle';""", 60, f"cell {index} to run")

    def source_of(self, index: int) -> str:
        return self.driver.execute_script(
            "return window.jupyterapp.shell.currentWidget.content.widgets[arguments[0]].model.sharedModel.getSource();",
            index)

    def click_button(self, label: str) -> None:
        """Click the notebook toolbar's button whose text (or title) is ``label``."""
        for button in self.driver.find_elements("css selector", ".jp-NotebookPanel-toolbar jp-button"):
            if label in (button.get_attribute("aria-label") or "", button.get_attribute("title") or ""):
                button.click()
                return
        raise AssertionError(f"no {label!r} button in the notebook toolbar")

    def dialog_text(self, timeout: float) -> str:
        """Wait for a dialog with its title drawn and return its text (a CI run read the
        dialog's body and buttons while its title was still empty)."""
        return str(self.wait_for("""
            const d = document.querySelector('.jp-Dialog-content');
            const title = d && d.querySelector('.jp-Dialog-header');
            return title && title.textContent.trim() ? d.textContent : null;""", timeout, "a dialog"))

    def screenshot(self, name: str, element=None) -> Path:
        """Save the page (or one element of it) to ``shots/<name>.png``; returns the path."""
        path = self.shots / f"{name}.png"
        if element is None:
            path.write_bytes(base64.b64decode(self.driver.get_screenshot_as_base64()))
        else:
            self.driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", element)
            path.write_bytes(element.screenshot_as_png)
        return path

    def console_errors(self) -> list[str]:
        """Browser console entries at SEVERE level since the last call."""
        entries = self.driver.get_log("browser")
        self.console.extend(entries)
        return [e["message"] for e in entries if e.get("level") == "SEVERE"]

    def quit(self) -> None:
        self.driver.quit()
