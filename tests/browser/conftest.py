"""A JupyterLab server on copies of the notebooks and the sample course, and a Chromium.

The server is started once for the session on 127.0.0.1 with a fixed token, in its own
process group and with its own temporary home and Jupyter folders, so nothing of the
developer's settings, workspaces or news reaches it and nothing it writes (autosaved
notebooks, ``out/`` exports) lands in the repository. The browser is Debian's Chromium
driven by Playwright (``executable_path``); ``playwright install`` is never needed.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = REPO / "test-artifacts" / "browser"
NOTEBOOKS = ("grading.ipynb", "participation.ipynb", "setup.ipynb")
TOKEN = "gradelib-browser-tests"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
#: User settings written before the server starts: no "Select kernel" dialog on first
#: open, every cell on the page (no windowing), and no news toast over the screenshots.
LAB_SETTINGS = {
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {
        "autoStartDefaultKernel": True,
        "windowingMode": "none",
    },
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
    },
}
SERVER_START_SECONDS = 90
KERNEL_SECONDS = 60
RUN_ALL_SECONDS = 120


def deadline_wait(
    what: str, probe: Callable[[], Any], seconds: float, interval: float = 0.25
) -> Any:
    """Call ``probe`` until it returns something true; fail after ``seconds``.

    ``probe`` may return a truthy value (returned) or a falsy one; its last return and the
    last exception it raised are shown in the failure message.
    """
    end = time.monotonic() + seconds
    last: Any = None
    error: BaseException | None = None
    while True:
        try:
            last = probe()
            error = None
        except Exception as exc:  # a probe may fail while things start up
            error = exc
        if last and error is None:
            return last
        if time.monotonic() >= end:
            detail = f"; last error: {error!r}" if error else f"; last seen: {last!r}"
            pytest.fail(f"timed out after {seconds:.0f} s waiting for {what}{detail}")
        time.sleep(interval)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Lab:
    """The running JupyterLab: where it serves and what it serves."""

    url: str
    token: str
    root: Path  # the temporary folder: notebooks/ and course/
    log: Path
    process: subprocess.Popen = field(repr=False)

    @property
    def notebooks(self) -> Path:
        return self.root / "notebooks"

    @property
    def course(self) -> Path:
        return self.root / "course"

    def api(self, path: str, method: str = "GET") -> Any:
        """A JSON answer of the server's REST API."""
        request = urllib.request.Request(
            f"{self.url}{path}",
            method=method,
            headers={"Authorization": f"token {self.token}"},
        )
        with urllib.request.urlopen(request, timeout=10) as answer:
            body = answer.read()
        return json.loads(body) if body else None

    def log_tail(self, lines: int = 40) -> str:
        text = self.log.read_text(errors="replace") if self.log.exists() else ""
        return "\n".join(text.splitlines()[-lines:])

    def forget(self, notebook: str) -> None:
        """Shut down the notebook's kernel and put back its copy without outputs."""
        for session in self.api("/api/sessions"):
            if session.get("path") == notebook:
                self.api(f"/api/sessions/{session['id']}", method="DELETE")
        _copy_cleared(REPO / "notebooks" / notebook, self.notebooks / notebook)

    def kernel_of(self, notebook: str) -> dict | None:
        """The kernel model (``/api/kernels``) of the session of a notebook, if any."""
        sessions = [s for s in self.api("/api/sessions") if s.get("path") == notebook]
        if not sessions or not sessions[0].get("kernel"):
            return None
        kernel_id = sessions[0]["kernel"]["id"]
        kernels = {k["id"]: k for k in self.api("/api/kernels")}
        return kernels.get(kernel_id)


def _copy_cleared(source: Path, target: Path) -> None:
    """Copy a notebook without its saved outputs and execution counts.

    Each code cell then shows ``[ ]:`` until it runs, so a finished Run All is seen as
    every prompt numbered 1, 2, ... in order.
    """
    notebook = json.loads(source.read_text(encoding="utf-8"))
    for cell in notebook["cells"]:
        if cell["cell_type"] == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
    target.write_text(json.dumps(notebook, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def _write_lab_settings(settings_dir: Path) -> None:
    for relative, values in LAB_SETTINGS.items():
        path = settings_dir / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values, indent=2) + "\n")


def _stop(process: subprocess.Popen, lab_url: str) -> None:
    """Shut the server down (its kernels with it), then end its process group."""
    if process.poll() is None:
        try:
            request = urllib.request.Request(
                f"{lab_url}/api/shutdown",
                method="POST",
                headers={"Authorization": f"token {TOKEN}"},
            )
            urllib.request.urlopen(request, timeout=5).close()
            process.wait(timeout=15)
        except (OSError, urllib.error.URLError, subprocess.TimeoutExpired):
            pass
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            break
        try:
            process.wait(timeout=10)
            break
        except subprocess.TimeoutExpired:
            continue


@pytest.fixture(scope="session")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Lab]:
    """JupyterLab serving copies of both notebooks, on a copy of the sample course."""
    root = tmp_path_factory.mktemp("lab")
    (root / "notebooks").mkdir()
    for name in NOTEBOOKS:
        _copy_cleared(REPO / "notebooks" / name, root / "notebooks" / name)
    shutil.copytree(REPO / "data" / "sample", root / "course")
    home = root / "home"
    folders = {
        "HOME": home,
        "JUPYTER_CONFIG_DIR": home / "jupyter-config",
        "JUPYTER_DATA_DIR": home / "jupyter-data",
        "JUPYTERLAB_SETTINGS_DIR": home / "lab-settings",
        "JUPYTERLAB_WORKSPACES_DIR": home / "lab-workspaces",
        "MPLCONFIGDIR": home / "matplotlib",
    }
    for folder in folders.values():
        folder.mkdir(parents=True, exist_ok=True)
    _write_lab_settings(folders["JUPYTERLAB_SETTINGS_DIR"])
    bin_dir = Path(sys.executable).parent
    env = {
        **os.environ,
        **{name: str(path) for name, path in folders.items()},
        "GRADELIB_COURSE": str(root / "course"),
        "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}",
        "PYTHONUNBUFFERED": "1",
    }
    for name in ("JUPYTER_PATH", "JUPYTER_RUNTIME_DIR", "IPYTHONDIR", "JUPYTER_PREFER_ENV_PATH"):
        env.pop(name, None)
    port = _free_port()
    command = [
        sys.executable, "-m", "jupyter", "lab",
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={TOKEN}",
        f"--ServerApp.root_dir={root / 'notebooks'}",
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    ]  # fmt: skip
    if os.geteuid() == 0:
        command.append("--allow-root")
    log = root / "jupyter-lab.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            command,
            cwd=root / "notebooks",
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    server = Lab(f"http://127.0.0.1:{port}", TOKEN, root, log, process)
    try:

        def answers() -> bool:
            if process.poll() is not None:
                pytest.fail(
                    f"jupyter lab exited with code {process.returncode}:\n{server.log_tail()}"
                )
            return bool(server.api("/api/status"))

        deadline_wait("jupyter lab to answer /api/status", answers, SERVER_START_SECONDS)
        yield server
    finally:
        _stop(process, server.url)


def _missing_browser() -> str | None:
    """Why the browser tests cannot run here, or ``None`` when they can."""
    if not CHROMIUM.exists():
        return "chromium not installed: apt-get install -y chromium"
    if importlib.util.find_spec("playwright") is None:
        return "playwright not installed: pip install -e '.[dev]'"
    return None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Outside CI, skip the browser tests when Chromium or Playwright is missing; in CI they
    run and fail instead (see :func:`browser`)."""
    reason = None if os.environ.get("CI") else _missing_browser()
    if reason is None:
        return
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Headless Debian Chromium driven by Playwright (never a downloaded browser)."""
    if not CHROMIUM.exists():  # outside CI the tests were skipped; in CI this is a failure
        pytest.fail(f"{CHROMIUM} not found: apt-get install -y chromium", pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_FLAGS
        )
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh browser page, 1400 px wide."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(30_000)
    page = context.new_page()
    try:
        yield page
    finally:
        context.close()


@dataclass
class Workbook:
    """One served notebook open in a browser page."""

    page: Any
    lab: Lab
    name: str

    def code_cells(self) -> int:
        """How many code cells the served copy has."""
        text = (self.lab.notebooks / self.name).read_text(encoding="utf-8")
        return sum(cell["cell_type"] == "code" for cell in json.loads(text)["cells"])

    def prompts(self) -> list[str]:
        """The input prompts of the code cells, e.g. ``["[1]:", "[*]:", "[ ]:"]``."""
        return self.page.eval_on_selector_all(
            ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell .jp-InputPrompt",
            "nodes => nodes.map(node => node.textContent.trim())",
        )

    def error_outputs(self) -> list[str]:
        """The text of every error or stderr output, and of every widget that failed."""
        return self.page.evaluate(
            """() => {
                const panel = ".jp-NotebookPanel:not(.lm-mod-hidden) ";
                const found = [...document.querySelectorAll(
                    panel + ".jp-OutputArea-output[data-mime-type*='stderr'], "
                    + panel + ".jp-OutputArea-output[data-mime-type*='error'], "
                    + panel + ".jupyter-widgets-error-widget")];
                for (const output of document.querySelectorAll(panel + ".jp-OutputArea-output")) {
                    if (output.textContent.trim().startsWith("Error displaying widget")) {
                        found.push(output);
                    }
                }
                return found.map(node => node.textContent.trim());
            }"""
        )

    def kernel_state(self) -> str | None:
        kernel = self.lab.kernel_of(self.name)
        return kernel["execution_state"] if kernel else None

    def open(self) -> None:
        """Open the notebook in a fresh layout and wait until its kernel can be used.

        The toolbar says "Idle" slightly before the page's websocket is connected, and a
        Run All pressed in that gap is dropped: the connection counted by
        ``/api/kernels`` is what tells that the page can talk to the kernel.
        """
        self.page.goto(f"{self.lab.url}/lab/tree/{self.name}?reset&token={self.lab.token}")
        self.page.locator(".jp-NotebookPanel .jp-CodeCell").first.wait_for(state="visible")

        def ready() -> dict | None:
            kernel = self.lab.kernel_of(self.name)
            if kernel and kernel["connections"] >= 1 and kernel["execution_state"] == "idle":
                return kernel
            return None

        deadline_wait(f"the kernel of {self.name} to be idle and connected", ready, KERNEL_SECONDS)

    def run_all(self) -> None:
        """Run › Run All Cells; wait until every code cell ran once, in order.

        Fails, never hangs: when the command is not taken (twice), when a cell stops the
        run, or when the run takes longer than ``RUN_ALL_SECONDS``.
        """
        expected = [f"[{number}]:" for number in range(1, self.code_cells() + 1)]

        def all_attached() -> list[str] | None:
            shown = self.prompts()
            return shown if len(shown) == len(expected) else None

        # A loaded machine attaches the cells to the page a few at a time.
        shown = deadline_wait(
            f"all {len(expected)} code cells of {self.name} on the page", all_attached, 30
        )
        assert all(text == "[ ]:" for text in shown), f"cells ran before Run All: {shown}"

        def started() -> bool:
            return any(text != "[ ]:" for text in self.prompts())

        for attempt in (1, 2):
            self.page.get_by_role("menuitem", name="Run", exact=True).click()
            self.page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
            end = time.monotonic() + 10
            while not started() and time.monotonic() < end:
                time.sleep(0.2)
            if started():
                break
            if attempt == 2:
                pytest.fail(f"Run › Run All Cells not taken in {self.name}: {self.prompts()}")

        def finished() -> bool:
            shown = self.prompts()
            if "[*]:" in shown:
                return False
            idle = self.kernel_state() == "idle"
            if idle and shown != expected:
                errors = "\n---\n".join(self.error_outputs())
                pytest.fail(f"Run All stopped in {self.name}: prompts {shown}\n{errors}")
            return idle

        deadline_wait(f"Run All Cells to finish in {self.name}", finished, RUN_ALL_SECONDS)

    def screenshot(self, name: str) -> Path:
        """Save the whole notebook as ``test-artifacts/browser/<name>.png``.

        JupyterLab scrolls the notebook inside a window-high panel, so the window is made
        as tall as the cells for the picture (at most 16,000 px), then put back. Off-screen
        cells may have an estimated height until shown, so the height is measured again
        after each resize until it holds still.
        """
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        measure = """() => {
            const outer = document.querySelector(
                ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-WindowedPanel-outer");
            const cells = outer ? outer.querySelectorAll(".jp-Cell") : [];
            if (!cells.length) return 0;
            outer.scrollTop = 0;
            const bottom = cells[cells.length - 1].getBoundingClientRect().bottom;
            return Math.ceil(bottom - outer.getBoundingClientRect().top - outer.clientHeight);
        }"""
        viewport = self.page.viewport_size
        height = viewport["height"]
        try:
            for _ in range(4):
                hidden = self.page.evaluate(measure)
                if hidden <= 0 or height >= 16_000:
                    break
                height = min(16_000, height + hidden + 40)
                self.page.set_viewport_size({"width": viewport["width"], "height": height})
                self.page.wait_for_timeout(300)
            self.page.evaluate("() => document.fonts.ready")
            path = ARTIFACTS / f"{name}.png"
            self.page.screenshot(path=str(path), full_page=True)
        finally:
            self.page.set_viewport_size(viewport)
        return path


@pytest.fixture
def workbook(page: Any, lab: Lab) -> Iterator[Callable[[str], Workbook]]:
    """Open a served notebook, run all its cells and return it (after a screenshot).

    When opening or running fails, the screenshot is ``<notebook>-failed.png``. After the
    test its kernel is shut down and its copy put back without outputs (the next test
    that opens it starts afresh).
    """

    opened: list[str] = []

    def open_and_run(name: str) -> Workbook:
        opened.append(name)
        book = Workbook(page, lab, name)
        try:
            book.open()
            book.run_all()
        except BaseException:
            book.screenshot(f"{Path(name).stem}-failed")
            raise
        book.screenshot(Path(name).stem)
        return book

    yield open_and_run
    # The next test opens the notebook anew: no kernel left running it, no saved outputs.
    page.context.close()
    for name in opened:
        lab.forget(name)
