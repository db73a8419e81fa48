"""The concordance explorer in a real browser: JupyterLab runs notebook 01 and headless Chromium searches it.

The test starts JupyterLab on 127.0.0.1 (a port the system picks, a random
token, settings and runtime files in a temporary folder), opens a temporary
copy of notebook 01 (its figures go to a temporary folder, so the repository
stays untouched) in Debian's Chromium driven by Playwright, runs all cells,
types a term into the concordance explorer and checks the hits the KWIC
output shows.  It also checks that the page draws Chinese with the
workspace's Noto Sans CJK SC, reached through a generated ``fonts.conf``
(:func:`helpers.fonts.fontconfig_file`), and not as boxes.  A screenshot goes
to ``tests/artifacts/``.  The server is stopped by its process id at the end,
also when the test fails.

Playwright's own browser download needs the internet; the test uses the
``chromium`` system package instead and is skipped, with the reason, where
Chromium is missing or cannot start.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from helpers import config, corpus, fonts, textstat

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
SCREENSHOT = ARTIFACTS / "browser-concordance.png"
NOTEBOOK = config.NOTEBOOKS_DIR / "01_frequency.ipynb"
TERM = "人才"  # typed into the explorer; its expected hit count is computed from the corpus
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
LAB_SETTINGS = {  # JupyterLab user settings for the test's temporary profile
    # every cell in the page (no virtual scrolling), so the test can read every prompt
    "@jupyterlab/notebook-extension/tracker": {"windowingMode": "none"},
    # no request to the internet, no toast over the notebook
    "@jupyterlab/apputils-extension/notification": {"fetchNews": "false", "checkForUpdates": False},
    "@jupyterlab/docmanager-extension/plugin": {"autosave": False},
}
SERVER_START = 90  # seconds
NOTEBOOK_RUN = 240


def _chromium() -> str | None:
    for candidate in ("/usr/bin/chromium", shutil.which("chromium"), shutil.which("chromium-browser")):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None


@pytest.fixture
def browser(tmp_path):
    """Headless Chromium (the system package) with the workspace's CJK font known to fontconfig."""
    chromium = _chromium()
    if chromium is None:
        pytest.skip("Chromium not found (/usr/bin/chromium or chromium on PATH): install the optional system "
                    "package `chromium` (Debian) to run the browser test")
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError as error:
        pytest.skip(f"the Python package playwright is missing ({error}); run `make env`")
    conf = fonts.fontconfig_file(tmp_path / "fontconfig")
    with sync_playwright() as playwright:
        try:
            chrome = playwright.chromium.launch(executable_path=chromium, headless=True, args=CHROMIUM_ARGS,
                                                env={**os.environ, "FONTCONFIG_FILE": str(conf)})
        except Error as error:
            pytest.skip(f"Playwright could not start {chromium}: {str(error).strip().splitlines()[0]}")
        try:
            yield chrome
        finally:
            chrome.close()


def _notebook_copy(folder: Path, figures: Path) -> Path:
    """Notebook 01 in ``folder``, with a cell after the parameters that sends its figures to ``figures``."""
    import nbformat

    nb = nbformat.read(NOTEBOOK, as_version=4)
    at = next(i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", []))
    nb.cells.insert(at + 1, nbformat.v4.new_code_cell(f"figures_dir = {str(figures)!r}  # set by the browser test",
                                                      metadata={"tags": ["injected-parameters"]}))
    path = folder / NOTEBOOK.name
    nbformat.write(nb, path)
    return path


def _server_url(proc: subprocess.Popen, runtime: Path, token: str, log: Path) -> str:
    """Wait until the server started as ``proc`` answers ``/api/status``; return its base URL."""
    info = runtime / f"jpserver-{proc.pid}.json"
    deadline = time.monotonic() + SERVER_START
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"JupyterLab exited with status {proc.returncode}:\n{_tail(log)}")
        if info.exists():
            try:
                url = json.loads(info.read_text(encoding="utf-8"))["url"]
                request = urllib.request.Request(f"{url}api/status", headers={"Authorization": f"token {token}"})
                with urllib.request.urlopen(request, timeout=5) as response:
                    if response.status == 200:
                        return url
            except (OSError, ValueError, KeyError, urllib.error.URLError):
                pass
        time.sleep(0.25)
    pytest.fail(f"JupyterLab did not answer within {SERVER_START} s:\n{_tail(log)}")


def _tail(log: Path, lines: int = 40) -> str:
    return "\n".join(log.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])


def _stop(proc: subprocess.Popen) -> None:
    """Stop the server by its process id (it shuts its kernels down), then anything left in its process group."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=30)
    try:
        os.killpg(proc.pid, signal.SIGKILL)  # a kernel that outlived its server (started in the server's group)
    except (ProcessLookupError, PermissionError):
        pass


@pytest.fixture
def lab(tmp_path):
    """JupyterLab on 127.0.0.1 serving a temporary copy of notebook 01; yields (base URL, token, notebook name)."""
    root, figures, home = tmp_path / "lab", tmp_path / "figures", tmp_path / "jupyter"
    root.mkdir()
    notebook = _notebook_copy(root, figures)
    settings = home / "config" / "lab" / "user-settings"
    for plugin, values in LAB_SETTINGS.items():
        path = settings / f"{plugin}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values), encoding="utf-8")
    runtime = home / "runtime"
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(home / "config"), "JUPYTER_DATA_DIR": str(home / "data"),
           "JUPYTER_RUNTIME_DIR": str(runtime), "IPYTHONDIR": str(home / "ipython")}
    env.pop(config.REPORT_ENV, None)  # a live kernel, as in `make lab`
    token = secrets.token_hex(24)
    log = tmp_path / "jupyterlab.log"
    command = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1", "--port=0",
               "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
               f"--LabApp.user_settings_dir={settings}", f"--LabApp.workspaces_dir={home / 'workspaces'}"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")  # CI containers run as root; the server only listens on 127.0.0.1
    with log.open("wb") as output:
        proc = subprocess.Popen(command, cwd=root, env=env, stdout=output, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, start_new_session=True)
        try:
            yield _server_url(proc, runtime, token, log), token, notebook.name
        finally:
            _stop(proc)
    assert proc.returncode is not None


def _repository_state() -> str:
    """What git sees in the folders a notebook run could write to (ignored files included)."""
    if shutil.which("git") is None or not (config.ROOT / ".git").exists():
        return ""
    result = subprocess.run(["git", "status", "--porcelain", "--ignored", "--untracked-files=all", "--",
                             "notebooks", "figures", "corpus"], cwd=config.ROOT, capture_output=True, text=True,
                            check=True)
    return result.stdout


@pytest.fixture
def repository():
    """The repository's state before the server starts; the test compares it with the state after."""
    return _repository_state()


# Run in the page by the font check: draws each text on a canvas in the font of an element; returns
# the alpha channel (as a string, to compare), the number of inked pixels and the font the canvas used.
_PIXELS = """([selector, texts]) => {
  const style = getComputedStyle(document.querySelector(selector));
  return texts.map(text => {
    const canvas = document.createElement('canvas');
    canvas.width = 160; canvas.height = 80;
    const ctx = canvas.getContext('2d');
    ctx.font = `48px ${style.fontFamily}`;
    ctx.fillText(text, 10, 60);
    const alpha = ctx.getImageData(0, 0, 160, 80).data.filter((_, i) => i % 4 === 3);
    return [alpha.join(','), alpha.filter(a => a > 0).length, ctx.font];
  });
}"""


def _wait_for_kernel(url: str, token: str) -> None:
    """Wait until the server has a session for the notebook whose kernel is idle (started and connected)."""
    request = urllib.request.Request(f"{url}api/sessions", headers={"Authorization": f"token {token}"})
    deadline = time.monotonic() + SERVER_START
    while time.monotonic() < deadline:
        with urllib.request.urlopen(request, timeout=5) as response:
            sessions = json.load(response)
        if any(s.get("kernel", {}).get("execution_state") == "idle" for s in sessions):
            return
        time.sleep(0.25)
    pytest.fail(f"the kernel of {NOTEBOOK.name} did not start within {SERVER_START} s (sessions: {sessions})")


def _run_all(page) -> None:
    """Run every cell through JupyterLab's Run menu; wait until each code cell has its execution count."""
    page.locator(".lm-MenuBar-item", has_text="Run").first.click()
    page.locator(".lm-Menu-item[data-command='runmenu:run-all']").click()
    errors = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.error']")
    dialogs = page.locator(".jp-Dialog")
    deadline = time.monotonic() + NOTEBOOK_RUN
    while time.monotonic() < deadline:
        prompts = page.locator(".jp-NotebookPanel .jp-CodeCell .jp-InputPrompt").all_inner_texts()
        if errors.count():
            pytest.fail(f"a cell of {NOTEBOOK.name} failed in JupyterLab:\n{errors.first.inner_text()}")
        if dialogs.count():
            pytest.fail(f"JupyterLab opened a dialog while running {NOTEBOOK.name}:\n{dialogs.first.inner_text()}")
        if prompts and all(re.fullmatch(r"\[\d+\]:", p.strip()) for p in prompts):
            return
        time.sleep(0.5)
    pytest.fail(f"{NOTEBOOK.name} did not finish within {NOTEBOOK_RUN} s; prompts: {' '.join(prompts)}")


def _check_explorer(page, url: str, token: str, name: str, expected: int, started: float) -> None:
    from playwright.sync_api import expect

    page.goto(f"{url}lab/tree/{name}?token={token}")
    page.locator(".jp-NotebookPanel .jp-CodeCell").first.wait_for()
    _wait_for_kernel(url, token)
    page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']").first.wait_for()
    _run_all(page)
    notebook_done = time.perf_counter()

    explorer = page.locator(".explore-concordance")
    expect(explorer.locator(".explore-count")).to_have_text("5 hits")  # the default query, 自立自强
    query = explorer.locator(".explore-query input")
    query.fill("")
    query.press_sequentially(TERM)
    query.press("Enter")
    expect(explorer.locator(".explore-count")).to_have_text(f"{expected} hits", timeout=30_000)
    rows = explorer.locator(".explore-kwic tbody tr")
    expect(rows).to_have_count(expected)
    assert set(explorer.locator(".explore-kwic tbody tr td:nth-last-child(2)").all_inner_texts()) == {TERM}
    assert explorer.locator(".explore-sections tbody tr").count() == 7
    expect(explorer.locator(".explore-strip")).to_be_visible()
    searched = time.perf_counter()

    # Chinese drawn with the workspace's font, not boxes.  document.fonts.check() cannot tell: it answers
    # true for any font that is not a web font (system fonts are never in the FontFaceSet), installed or
    # not.  The browser itself says which font drew the glyphs of a node (what DevTools shows as
    # "Rendered Fonts"): the match cell holds only 人才, so all its glyphs must come from the font file
    # of helpers.fonts, known by its PostScript name.
    from matplotlib.ft2font import FT2Font

    cell = ".explore-concordance .explore-kwic tbody tr td:nth-last-child(2)"
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    document = cdp.send("DOM.getDocument", {"depth": 0})
    node = cdp.send("DOM.querySelector", {"nodeId": document["root"]["nodeId"], "selector": cell})["nodeId"]
    rendered = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    ours = FT2Font(str(fonts.path())).postscript_name  # NotoSansCJKsc-Regular
    assert [(f["postScriptName"], f["glyphCount"]) for f in rendered] == [(ours, len(TERM))], rendered
    assert rendered[0]["familyName"].startswith(fonts.FAMILY), rendered
    # (Without the fonts.conf, Chromium reports DejaVu Sans here, drawing two boxes.)  And the pixels: a box
    # looks the same for every character it replaces (the control: two unassigned code points draw alike);
    # drawn in the cell's font, 人 and 才 differ from each other and from the box.
    drawn = page.evaluate(_PIXELS, [cell, ["人", "才", "\u0378", "\u0379"]])
    (ren, ink, font), (cai, _, _), (box, _, _), (other_box, _, _) = drawn
    assert font.startswith("48px ")  # the canvas took the cell's font-family (an invalid one is ignored)
    assert box == other_box
    assert ink > 100 and len({ren, cai, box}) == 3

    explorer.evaluate("node => node.scrollIntoView({block: 'start'})")
    page.screenshot(path=str(SCREENSHOT))
    print(f"\nbrowser test: notebook 01 ran in {notebook_done - started:.1f} s, the query took "
          f"{searched - notebook_done:.1f} s, {time.perf_counter() - started:.1f} s in all; screenshot {SCREENSHOT}")


@pytest.mark.slow
@pytest.mark.timeout(420)
def test_concordance_explorer_in_jupyterlab(repository, browser, lab):
    started = time.perf_counter()
    expected = len(textstat.kwic(corpus.load().paragraphs, TERM))
    url, token, name = lab
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.set_default_timeout(60_000)
    ARTIFACTS.mkdir(exist_ok=True)
    try:
        _check_explorer(page, url, token, name, expected, started)
    except BaseException:
        page.screenshot(path=str(ARTIFACTS / "browser-failure.png"))
        raise
    assert _repository_state() == repository, "the browser test changed files in the repository"
