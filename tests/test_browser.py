"""The reports and JupyterLab in a real browser: headless Chromium (Debian's package) driven by Playwright.

Chromium gets no CJK font from the system: where ``fc-list :lang=zh`` finds one,
the tests hand Chromium a fontconfig setup without it (never the workspace's
font).  Chinese must come from the page itself: the subset embedded in each
report, and the custom CSS of :mod:`helpers.lab` in JupyterLab.

* The reports of the bundled corpus, opened from ``file:`` with every other
  request blocked: no request, no console error, reader mode (summary, contents,
  folded code, provenance at the end), tables with their CSV, the concordance
  search of notebook 01 (29 hits for 人才) and the term plot of notebook 03;
  screenshots of the index and of each report (top, a table, an explorer).
* JupyterLab (as ``make lab`` starts it: custom CSS) runs notebook 01 and the
  live concordance explorer is searched; the Chinese text is drawn with the
  workspace's font, and a screenshot is taken.  The server is stopped by its
  process id at the end, also when the test fails.

Screenshots go to ``tests/artifacts/`` (ignored by git).  Playwright's own
browser download needs the internet; the tests use the ``chromium`` system
package and are skipped, with the reason, where it is missing or cannot start.
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

from helpers import config, corpus, fonts, report, textstat
from helpers import lab as lab_setup

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
SCREENSHOT = ARTIFACTS / "lab-concordance.png"
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


def _no_cjk_fontconfig(folder: Path) -> dict[str, str]:
    """Environment for Chromium without any CJK font: unchanged where the system has none, else a
    fontconfig setup holding only DejaVu Sans (no CJK glyph), so the page must bring its own font."""
    found = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True).stdout.strip() \
        if shutil.which("fc-list") else ""
    env = {k: v for k, v in os.environ.items() if k not in ("FONTCONFIG_FILE", "FONTCONFIG_PATH")}
    if not found:
        return env
    from matplotlib import font_manager

    (folder / "fonts").mkdir(parents=True, exist_ok=True)
    (folder / "fonts" / "DejaVuSans.ttf").symlink_to(font_manager.findfont("DejaVu Sans"))
    conf = folder / "fonts.conf"
    conf.write_text(f'<?xml version="1.0"?><fontconfig><dir>{folder / "fonts"}</dir>'
                    f"<cachedir>{folder / 'cache'}</cachedir></fontconfig>", encoding="utf-8")
    return {**env, "FONTCONFIG_FILE": str(conf)}


@pytest.fixture
def browser(tmp_path):
    """Headless Chromium (the system package) that has no CJK font."""
    chromium = _chromium()
    if chromium is None:
        pytest.skip("Chromium not found (/usr/bin/chromium or chromium on PATH): install the optional system "
                    "package `chromium` (Debian) to run the browser test")
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError as error:
        pytest.skip(f"the Python package playwright is missing ({error}); run `make env`")
    env = _no_cjk_fontconfig(tmp_path / "fontconfig")
    with sync_playwright() as playwright:
        try:
            chrome = playwright.chromium.launch(executable_path=chromium, headless=True, args=CHROMIUM_ARGS, env=env)
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
    lab_setup.prepare(home / "config")  # the custom CSS of `make lab`
    runtime = home / "runtime"
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(home / "config"), "JUPYTER_DATA_DIR": str(home / "data"),
           "JUPYTER_RUNTIME_DIR": str(runtime), "IPYTHONDIR": str(home / "ipython")}
    env.pop(config.REPORT_ENV, None)  # a live kernel, as in `make lab`
    token = secrets.token_hex(24)
    log = tmp_path / "jupyterlab.log"
    command = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1", "--port=0",
               "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
               f"--LabApp.user_settings_dir={settings}", f"--LabApp.workspaces_dir={home / 'workspaces'}",
               "--LabApp.custom_css=True"]
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


def _mark_chinese(page, selectors: str) -> bool:
    """Mark the first element of ``selectors`` holding Chinese with ``data-font-check`` (for DevTools)."""
    return page.evaluate("""(selectors) => {
        document.querySelectorAll('[data-font-check]').forEach(n => delete n.dataset.fontCheck);
        const n = [...document.querySelectorAll(selectors)]
        .find(n => /[\\u4e00-\\u9fff]/.test(n.textContent)); if (n) n.dataset.fontCheck = '1'; return !!n; }""",
                         selectors)


def _check_font(page, selector: str) -> None:
    """The Chinese of the element ``selector`` is drawn with the workspace's font, not boxes.

    document.fonts.check() cannot tell: it answers true for any font that is not
    a web font.  The browser itself says which font drew the glyphs of a node
    (what DevTools shows as "Rendered Fonts"): every CJK glyph of it must come
    from the font file of helpers.fonts (or a subset of it), known by its
    PostScript name.  And the pixels: a box looks the same for every character
    it replaces (two unassigned code points draw alike, and, with no CJK font on
    the system, two Chinese characters in plain sans-serif too); in the element's
    font two Chinese characters of it differ from each other and from the box.
    """
    from matplotlib.ft2font import FT2Font

    page.evaluate("document.fonts.ready.then(() => true)")
    text = page.locator(selector).first.evaluate("n => n.textContent")
    chinese = [ch for ch in text if "\u4e00" <= ch <= "\u9fff"]
    assert chinese, f"{selector} holds no Chinese: {text[:80]!r}"
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    document = cdp.send("DOM.getDocument", {"depth": -1, "pierce": True})
    node = cdp.send("DOM.querySelector", {"nodeId": document["root"]["nodeId"], "selector": selector})["nodeId"]
    rendered = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    cdp.detach()
    ours = FT2Font(str(fonts.path())).postscript_name  # NotoSansCJKsc-Regular
    by_name = {f["postScriptName"]: f for f in rendered}
    assert ours in by_name and by_name[ours]["isCustomFont"], rendered  # a web font, from the page
    assert by_name[ours]["glyphCount"] >= len(chinese), rendered
    first, second = list(dict.fromkeys(chinese))[:2] if len(set(chinese)) > 1 else ("人", "才")
    drawn = page.evaluate(_PIXELS, [selector, [first, second, "\u0378", "\u0379"]])
    (ren, ink, font), (cai, _, _), (box, _, _), (other_box, _, _) = drawn
    assert font.startswith("48px ")  # the canvas took the element's font-family (an invalid one is ignored)
    assert box == other_box
    assert ink > 100 and len({ren, cai, box}) == 3
    plain = page.evaluate(_PIXELS_PLAIN, [first, second])
    assert plain[0] == plain[1], "Chromium has a CJK system font: the test cannot tell the page's font from it"


# The same drawing in plain sans-serif, without the page's fonts: boxes alike when the system has no CJK font.
_PIXELS_PLAIN = """(texts) => texts.map(text => {
  const canvas = document.createElement('canvas');
  canvas.width = 160; canvas.height = 80;
  const ctx = canvas.getContext('2d');
  ctx.font = '48px sans-serif';
  ctx.fillText(text, 10, 60);
  return ctx.getImageData(0, 0, 160, 80).data.filter((_, i) => i % 4 === 3).join(',');
})"""


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

    _check_font(page, ".explore-concordance .explore-kwic tbody tr td:nth-last-child(2)")
    assert _mark_chinese(page, ".jp-MarkdownOutput h1, .jp-MarkdownOutput h2, .jp-MarkdownOutput p")
    _check_font(page, "[data-font-check]")  # the notebook's markdown
    options = page.locator(".explore-concordance .widget-select-multiple select option")
    assert "第一" in options.all_inner_texts()  # the section picker; its font is the select's (checked below)
    assert _mark_chinese(page, ".explore-concordance .widget-select-multiple select")
    _check_font(page, "[data-font-check]")

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


# ---- the HTML reports, opened as files with every other request blocked

def _open_offline(browser, path: Path):
    """A page showing ``path`` (a file: URL); every request that is not file: is recorded and aborted."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    blocked, problems = [], []

    def route(request_route):
        url = request_route.request.url
        if url.startswith("file:"):
            request_route.continue_()
        else:
            blocked.append(url)
            request_route.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type in ("error", "warning")
            else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: problems.append(f"request failed: {r.url}"))
    page.goto(path.resolve().as_uri())
    page.wait_for_load_state("load")
    page.evaluate("document.fonts.ready.then(() => true)")
    return context, page, blocked, problems


def _shot(page, locator, name: str) -> None:
    if locator is not None:
        locator.first.evaluate("node => node.scrollIntoView({block: 'start'})")
        page.evaluate("window.scrollBy(0, -90)")  # below the sticky header
    page.screenshot(path=str(ARTIFACTS / name))


def _check_reader_mode(page, name: str) -> None:
    from playwright.sync_api import expect

    assert page.locator(".summary").count() == 1 and page.locator("nav.toc li").count() >= 2, name
    folded = page.locator("details.code")
    assert folded.count() > 0 and all(not d for d in folded.evaluate_all("ds => ds.map(d => d.open)")), name
    page.locator("#toggle-code").click()
    assert all(folded.evaluate_all("ds => ds.map(d => d.open)")), name
    page.locator("#toggle-code").click()
    assert page.locator("main ~ section#provenance table.dataTable").count() >= 1, name  # provenance at the end
    alts = page.locator("img").evaluate_all("xs => xs.map(x => x.alt)")
    assert all(a and "No description" not in a for a in alts), alts
    widths = page.locator("img").evaluate_all("xs => xs.map(x => x.getBoundingClientRect().width / x.width)")
    assert all(w > 0.79 for w in widths), widths  # never scaled to unreadable size
    for table in page.locator("table.dataTable").all():
        cells = table.locator("tbody td.num").all_inner_texts()
        assert not [c for c in cells if re.search(r"\.\d{4,}", c)], cells[:10]  # rounded for display
    links = page.locator("a.csv")
    assert links.count() == page.locator(".table-block").count(), name
    if links.count():
        expect(links.first).to_have_attribute("href", re.compile(r"^data:text/csv;charset=utf-8;base64,"))


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_reports_offline_in_chromium(bundled_run, browser):
    import base64

    from playwright.sync_api import expect

    _, reports, _ = bundled_run
    ARTIFACTS.mkdir(exist_ok=True)
    expected = len(textstat.kwic(corpus.load().paragraphs, TERM))
    sizes = {}
    for path in [reports / "index.html", *(reports / f"{p.stem}.html" for p in report.notebooks())]:
        context, page, blocked, problems = _open_offline(browser, path)
        try:
            sizes[path.name] = path.stat().st_size
            assert path.stat().st_size < 3_000_000, path.name
            stem = path.stem
            # a Chinese heading (the first heading holding Chinese, else a figure caption or a table cell),
            # marked for the DevTools query
            assert _mark_chinese(page, "h1, h2, h3, figcaption, td")
            _check_font(page, "[data-font-check]")
            _shot(page, None, f"report-{stem}-top.png")
            if path.name == "index.html":
                assert page.locator("a[href$='.html']").count() == len(report.notebooks())
            else:
                _check_reader_mode(page, path.name)
                tables = page.locator(".table-block")
                if tables.count():
                    _shot(page, tables, f"report-{stem}-table.png")
            if stem.startswith("01"):
                box = page.locator("input[data-kwic]")
                box.fill(TERM)
                box.press("Enter")
                live = page.locator(".explore-concordance-live")
                expect(live.locator(".explore-count")).to_have_text(f"{expected} hits")
                expect(live.locator(".explore-kwic tbody tr")).to_have_count(expected)
                assert set(live.locator(".explore-kwic td.m").all_inner_texts()) == {TERM}
                counts = [int(n) for n in live.locator(".explore-sections tbody td:nth-child(3)").all_inner_texts()]
                assert sum(counts) == expected and len(counts) == 7
                _check_font(page, ".explore-kwic td.m")
                _shot(page, live, f"report-{stem}-explorer.png")
                table = page.locator("table.dataTable").first  # sort and search a table
                table.locator("thead th").nth(1).click()
                page.locator("input[type=search]").nth(1).fill("科技")
                link = page.locator("a.csv").first.get_attribute("href")
                assert "\n" in base64.b64decode(link.split(",", 1)[1]).decode("utf-8-sig")
            if stem.startswith("03"):
                plot = page.locator(".explore-keyness-live")
                point = plot.locator("circle[data-term]").first
                term = point.get_attribute("data-term")
                point.hover()
                expect(plot.locator(".tip")).to_be_visible()
                expect(plot.locator(".tip")).to_contain_text(term)
                point.click(force=True)
                expect(plot.locator(".term-title")).to_contain_text(term)
                assert plot.locator(".term-contexts li mark").count() >= 1
                # the contexts listed are the string counts said beside the word counts (one way each, said)
                said = re.search(r"(\d+) : (\d+)", plot.locator(".term-counts").inner_text())
                assert said and int(said[1]) + int(said[2]) == plot.locator(".term-contexts li").count()
                # the keyboard: Tab reaches a labelled point, Enter opens its contexts; the find box completes
                labelled = plot.locator("circle[tabindex='0']")
                assert 1 <= labelled.count() <= 20
                labelled.first.focus()
                expect(plot.locator(".tip")).to_be_visible()
                page.keyboard.press("Enter")
                expect(plot.locator(".term-title")).to_contain_text(labelled.first.get_attribute("data-term"))
                listed = plot.locator("datalist option")
                assert listed.count() == plot.locator("circle[data-term]").count()
                # a term that is never a word of the plot (强国 is inside 科技强国 …) is counted in the text
                find = plot.locator("input").last
                find.fill("强国")
                find.press("Enter")
                expect(plot.locator(".term-title")).to_contain_text("not one of the plotted words")
                found = re.search(r"in the text (\d+) in .*, (\d+) in ", plot.locator(".term-title").inner_text())
                n = int(found[1]) + int(found[2])
                assert n == plot.locator(".term-contexts li").count() == len(textstat.kwic(corpus.load().paragraphs, "强国")) > 0
                _shot(page, plot, f"report-{stem}-explorer.png")
            assert blocked == [], f"{path.name} asked the network for {blocked[:5]}"
            assert problems == [], f"{path.name}: {problems[:5]}"
        except BaseException:
            page.screenshot(path=str(ARTIFACTS / f"report-{path.stem}-failure.png"))
            raise
        finally:
            context.close()
    print("\nreport sizes:", {k: f"{v / 1e6:.2f} MB" for k, v in sizes.items()})
