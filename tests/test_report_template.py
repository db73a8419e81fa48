"""helpers.report's template: the page comes from templates/workspace/, and its Content-Security-Policy lets
only the page's own script run (its hash computed from the page), in the page and in Chromium."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import shutil
import tomllib
from html.parser import HTMLParser
from pathlib import Path

import pytest
from nbformat import v4

from helpers import config
from helpers.report.export import export_html, index_page
from helpers.report.exporter import WorkspaceExporter
from helpers.report.kernel import TABLE_MIME
from helpers.report.page import TEMPLATE_NAME, TEMPLATES, summary

# what a hostile corpus or a careless output could bring into a page as HTML (explorer and HTML outputs are
# inserted as they are): none of it may run
PAYLOADS = ('<img src="x" onerror="document.title=\'ran: onerror\'">'
            "<script>document.title = 'ran: inline script'</script>"
            '<svg onload="document.title=\'ran: onload\'"></svg>'
            '<a id="js-link" href="javascript:document.title=\'ran: link\'">科技</a>')


def _notebook(*, hostile: bool = False):
    """A notebook with a heading, findings, a table of 20 rows (DataTables pages it), a provenance cell and,
    if ``hostile``, an HTML output carrying :data:`PAYLOADS`."""
    table = {"columns": ["词", "次数"], "kinds": ["text", "integer"], "n_rows": 20,
             "rows": [[f"科技{k}", k] for k in range(20)]}
    nb = v4.new_notebook()
    nb.cells = [v4.new_markdown_cell("# 模板\n\n## 词频"),
                v4.new_code_cell("print('「科技」出现 3 次。')", metadata={"tags": ["findings"]},
                                 outputs=[v4.new_output("stream", name="stdout", text="「科技」出现 3 次。\n")]),
                v4.new_code_cell("frequencies", outputs=[v4.new_output("display_data", data={TABLE_MIME: table})]),
                v4.new_code_cell("what_made_it()", metadata={"tags": ["provenance"]},
                                 outputs=[v4.new_output("stream", name="stdout", text="出处\n")])]
    if hostile:
        nb.cells.insert(2, v4.new_code_cell("show()", outputs=[v4.new_output("display_data",
                                                                            data={"text/html": PAYLOADS})]))
    return nb


class _Scripts(HTMLParser):
    """The text of every script element of a page, with its type, and every ``on…`` attribute."""

    def __init__(self):
        super().__init__()
        self.scripts: list[tuple[str, str]] = []
        self.handlers: list[str] = []
        self._open = False

    def handle_starttag(self, tag, attrs):
        self.handlers += [name for name, _ in attrs if name.startswith("on")]
        if tag == "script":
            self.scripts.append((dict(attrs).get("type") or "", ""))
            self._open = True

    def handle_endtag(self, tag):
        if tag == "script":
            self._open = False

    def handle_data(self, data):
        if self._open:
            kind, text = self.scripts[-1]
            self.scripts[-1] = (kind, text + data)


def _policy(page: str) -> dict[str, list[str]]:
    """The Content-Security-Policy of a page, directive by directive (it must come before any script or style)."""
    found = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', page)
    assert found, "no Content-Security-Policy"
    assert found.start() < min(page.find("<script"), page.find("<style")) if "<script" in page \
        else found.start() < page.find("<style")
    return {d.split()[0]: d.split()[1:] for d in found.group(1).split(";") if d.strip()}


def _sha256(text: str) -> str:
    return f"'sha256-{base64.b64encode(hashlib.sha256(text.encode('utf-8')).digest()).decode('ascii')}'"


def test_the_policy_allows_the_pages_own_script_by_its_hash_and_nothing_else():
    page = export_html(_notebook(hostile=True), name="x")
    policy = _policy(page)
    assert policy["default-src"] == ["'none'"]  # no request of any kind
    assert policy["img-src"] == ["data:"] and policy["font-src"] == ["data:", "'self'"]
    assert policy["base-uri"] == ["'none'"] and policy["form-action"] == ["'none'"]
    parser = _Scripts()
    parser.feed(page)
    # scripts that run: those without a type or of type module; the rest are inert data blocks
    running = [text for kind, text in parser.scripts if kind in ("", "module", "text/javascript")]
    own = [text for text in running if "document.title = 'ran" not in text]
    assert len(own) == 1 and "loadDataTables" in own[0]  # the page's script, report.js
    hashes = [s for s in policy["script-src"] if s.startswith("'sha256-")]
    assert hashes == [_sha256(own[0])]  # the hash matches the script as it stands in the page
    assert set(policy["script-src"]) - set(hashes) == {"blob:"}  # DataTables, imported from the page's block
    for word in ("'unsafe-inline'", "'unsafe-eval'", "data:", "*", "http:", "https:", "'self'"):
        assert word not in policy["script-src"], word
    # the payload is in the page as HTML (an HTML output is inserted as it is), but nothing allows it to run
    assert PAYLOADS in page and {"onerror", "onload"} <= set(parser.handlers)
    assert _sha256("document.title = 'ran: inline script'") not in policy["script-src"]
    # the inert blocks stay inert: DataTables base64, the table's data as JSON
    assert {kind for kind, _ in parser.scripts} == {"module", "", "text/plain", "application/json"}


def test_the_index_page_runs_no_script():
    page = index_page([("00_x.html", "概览", "第一段。", 1.0)], None)
    policy = _policy(page)
    assert policy["default-src"] == ["'none'"] and policy["script-src"] == ["'none'"]
    assert "<script" not in page


def test_the_page_is_the_templates(tmp_path):
    """The skeleton of the page is the template folder's: a copy with one line changed changes the page."""
    folder = tmp_path / "templates"
    shutil.copytree(TEMPLATES / TEMPLATE_NAME, folder / TEMPLATE_NAME)
    index = folder / TEMPLATE_NAME / "index.html.j2"
    text = index.read_text(encoding="utf-8")
    assert "<main>" in text and '<section class="end" id="provenance">' in text
    index.write_text(text.replace("<main>", '<main data-template="copy">'), encoding="utf-8")
    nb = _notebook()
    page, _ = WorkspaceExporter(extra_template_basedirs=[str(folder)]).from_notebook_node(nb)
    assert '<main data-template="copy">' in page
    assert page.replace(' data-template="copy"', "") == export_html(nb, name="notebook")


def test_the_template_folder_is_package_data():
    """Every file of the template folder is declared in pyproject.toml, so a wheel carries it."""
    declared = tomllib.loads((config.ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = declared["tool"]["setuptools"]["package-data"][f"helpers.report.templates.{TEMPLATE_NAME}"]
    files = sorted(p.name for p in (TEMPLATES / TEMPLATE_NAME).iterdir() if p.is_file())
    assert {"conf.json", "index.html.j2", "layout.html.j2", "reports_index.html.j2"} <= set(files)
    assert all(any(Path(name).match(pattern) for pattern in patterns) for name in files), (files, patterns)
    assert json.loads((TEMPLATES / TEMPLATE_NAME / "conf.json").read_text())["mimetypes"] == {"text/html": True}


@pytest.fixture
def chromium():
    """Headless Chromium (the system package), as tests/test_browser.py starts it."""
    path = "/usr/bin/chromium"
    if not os.access(path, os.X_OK):
        pytest.skip("Chromium not found at /usr/bin/chromium (the Debian package chromium)")
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError as error:
        pytest.skip(f"the Python package playwright is missing ({error})")
    with sync_playwright() as playwright:
        try:
            browser = playwright.chromium.launch(executable_path=path, headless=True,
                                                 args=["--no-sandbox", "--disable-gpu", "--no-first-run"])
        except Error as error:
            pytest.skip(f"Playwright could not start Chromium: {str(error).strip().splitlines()[0]}")
        try:
            yield browser
        finally:
            browser.close()


def _open(browser, path: Path):
    page = browser.new_page()
    messages = []
    page.on("console", lambda m: messages.append(f"{m.type}: {m.text}") if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: messages.append(f"page error: {e}"))
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return page, messages


@pytest.mark.slow
def test_in_chromium_the_pages_script_runs_and_nothing_else(chromium, tmp_path):
    clean, hostile = tmp_path / "clean.html", tmp_path / "hostile.html"
    clean.write_text(export_html(_notebook(), name="clean"), encoding="utf-8")
    hostile.write_text(export_html(_notebook(hostile=True), name="hostile"), encoding="utf-8")
    page, messages = _open(chromium, clean)
    # the page's script ran under the policy: DataTables imported from its blob: URL, the table paged
    page.locator("table.dataTable").wait_for()
    assert page.locator("table.dataTable tbody tr").count() == 15
    page.click("#toggle-code")
    assert page.locator("#toggle-code").inner_text() == "Hide code"
    assert messages == []
    page, messages = _open(chromium, hostile)
    page.locator("table.dataTable").wait_for()
    page.click("#js-link")
    page.wait_for_timeout(300)
    assert page.title() == "模板"  # no payload ran
    assert messages and all("Content Security Policy" in m for m in messages), messages


def test_the_index_summary_of_a_notebook_is_plain_text():
    """The index lists each notebook with its first paragraph: markdown emphasis and code marks dropped."""
    nb = v4.new_notebook(cells=[
        v4.new_markdown_cell("# 05 · Models\n\nThree **measurement models** of `tokens`, as __quanteda__ names them.")])
    assert summary(nb) == "Three measurement models of tokens, as quanteda names them."
