"""Reports never execute input: a corpus whose metadata, text, file names and folder carry script payloads.

Every notebook runs on a three-document corpus (paragraphs of the bundled speech, read at test time) whose
``doc_id``, ``title``, ``speaker`` and ``occasion`` hold payloads, whose paragraphs carry ``<script>``,
``<img onerror>``, ``<svg onload>``, ``javascript:`` links and attribute breakers, and whose file names and
folder name carry payloads too.  Each report and the index page are opened in headless Chromium (every
request that is not ``file:`` blocked); the tables are shown whole, the concordance explorer is searched for
a payload and the term plot is hovered and clicked.  Every payload would set ``window.__xss`` or open a dialog;
the test asserts that neither happened, and that no element of the page carries an event-handler attribute,
a ``javascript:`` link or an element a payload would have made.
"""

from __future__ import annotations

import csv

import pytest
from test_browser import _chromium, _open_offline, browser  # noqa: F401 (the browser fixture)

from helpers import corpus, report

# each payload sets window.__xss (to its number) or opens a dialog when a browser runs it
PAYLOADS = [
    '<img src=x onerror="window.__xss=1;alert(1)">',
    "<svg onload=window.__xss=2>",
    "<script>window.__xss=3;alert(3)</script>",
    '"><img src=x onerror=window.__xss=4>',
    "'><svg/onload=window.__xss=5>",
    '<a href="javascript:window.__xss=6">点此</a>',
    '<iframe srcdoc="<script>parent.__xss=7</script>"></iframe>',
    "</script><script>window.__xss=8</script>",
    '<details open ontoggle="window.__xss=9">',
    '<math><mtext><table><mglyph><style><img src=x onerror="window.__xss=10">',
]
TERM = PAYLOADS[0]  # typed into the concordance explorer
FOLDER_PAYLOAD = "<svg onload=window.__xss=11>"  # the corpus folder's name (shown on the index page)

# every element a payload makes, and every attribute that would run: none may exist in a page
_FOUND = """() => {
  const handlers = [...document.querySelectorAll('*')].flatMap(n =>
    [...n.attributes].filter(a => /^on/i.test(a.name)).map(a => `${n.tagName} ${a.name}=${a.value}`));
  const links = [...document.querySelectorAll('[href], [src], [action], [formaction], [srcdoc]')].flatMap(n =>
    ['href', 'src', 'action', 'formaction', 'srcdoc'].map(k => n.getAttribute(k) || '')
      .filter(v => /^\\s*javascript:|__xss/i.test(v)).map(v => `${n.tagName} ${v}`));
  const made = [...document.querySelectorAll('iframe, math, mglyph, details[ontoggle], img[src="x"], svg svg')]
    .map(n => n.outerHTML.slice(0, 80));
  const scripts = [...document.querySelectorAll('script')]
    .filter(s => s.type !== 'application/json' && /__xss/.test(s.textContent)).map(s => s.outerHTML.slice(0, 80));
  return {xss: window.__xss ?? null, handlers, links, made, scripts};
}"""


def _paragraphs() -> list[str]:
    """Paragraphs of the bundled speech (read from corpus/ now, never copied into the test)."""
    texts = corpus.load().paragraphs["text"].tolist()
    return [t for t in texts if len(t) > 40]


def _hostile_corpus(root):
    """Three speeches, a year apart: payloads in metadata, text and file names; returns the corpus folder."""
    folder = root / FOLDER_PAYLOAD
    folder.mkdir(parents=True)
    paragraphs = _paragraphs()
    assert len(paragraphs) >= 21, len(paragraphs)
    rows = []
    for k in range(3):
        own = paragraphs[k * 7:(k + 1) * 7]
        body = []
        for i, text in enumerate(own):  # a payload inside a paragraph, and one as a paragraph of its own
            payload = PAYLOADS[(i + k) % len(PAYLOADS)]
            body += [f"{text[:20]}{payload}{text[20:]}", f"科技自立自强{PAYLOADS[(i + k + 3) % len(PAYLOADS)]}"]
        name = f"{2020 + k}-0{k + 1}-01_<svg onload=window.__xss={20 + k}>.txt"
        (folder / name).write_text("\n\n".join(["讲话", *body]) + "\n", encoding="utf-8")
        rows.append({"doc_id": f"d{k}{PAYLOADS[k]}", "file": name, "title": f"科技强国{PAYLOADS[(k + 1) % 10]}",
                     "speaker": f"某人{PAYLOADS[(k + 2) % 10]}", "date": f"{2020 + k}-0{k + 1}-01",
                     "occasion": f"全国科技大会{PAYLOADS[(k + 3) % 10]}", "genre": "speech",
                     "source": f"test {PAYLOADS[(k + 4) % 10]}"})
    with (folder / "metadata.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=corpus.METADATA_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    return folder


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory):
    """Every notebook run on the hostile corpus; returns the reports folder."""
    if _chromium() is None:
        pytest.skip("Chromium not found (/usr/bin/chromium or chromium on PATH): install the optional system "
                    "package `chromium` (Debian) to run the browser test")
    root = tmp_path_factory.mktemp("hostile")
    folder = _hostile_corpus(root)
    reports = root / "reports"
    report.run(report.notebooks(), corpus_dir=folder, figures_dir=root / "figures", reports_dir=reports,
               parameters={"concordance_term": "科技"}, progress=False, log=lambda *_: None)
    return reports


def _show_every_row(page) -> None:
    """Each DataTable set to show all its rows (its length menu's last choice), so every cell is drawn."""
    for select in page.locator("select.dt-input, .dt-length select").all():
        values = select.evaluate("s => [...s.options].map(o => o.value)")
        select.select_option(values[-1])


def _interact(page, stem: str) -> None:
    from playwright.sync_api import expect

    _show_every_row(page)
    for search in page.locator(".dt-search input").all():  # a payload typed into each table's search box,
        search.fill(TERM)  # then cleared: every row drawn again (the rows a search hides leave the page)
        search.fill("")
    if page.locator("#toggle-code").count():
        page.locator("#toggle-code").click()
    if stem.startswith("01"):  # its frequency tables are long: paged, with a search box
        assert page.locator(".dt-search input").count() and page.locator("select.dt-input").count()
        box = page.locator("input[data-kwic]")
        box.fill(TERM)
        box.press("Enter")
        live = page.locator(".explore-concordance-live")
        expect(live.locator(".explore-count")).not_to_have_text("0 hits")
        assert TERM in live.locator(".explore-kwic td.m").all_inner_texts()  # shown as text, literally
        box.fill("科技")
        box.press("Enter")
        expect(live.locator(".explore-kwic tbody tr").first).to_be_visible()
    if page.locator("input[data-kwic]").count():  # the term view (01, 02, 03): a pattern, then the linked terms
        live = page.locator(".explore-concordance-live").first
        live.locator("input.kwic-regex").check()
        box = live.locator("input[data-kwic]")
        box.fill("<img[^>]*>")
        box.press("Enter")
        expect(live.locator(".explore-count")).not_to_have_text("0 hits")
        assert TERM in live.locator(".explore-kwic td.m").all_inner_texts()  # a regex hit, shown as text
        live.locator("select.kwic-sort").select_option("left")
        live.locator("input.kwic-regex").uncheck()
        links = page.locator("button.term-link")
        hostile = [k for k, term in enumerate(links.evaluate_all("bs => bs.map(b => b.dataset.term)"))
                   if "<" in term or "onerror" in term or "svg" in term][:10]
        for k in [*hostile, *range(min(links.count(), 5))]:
            link = links.nth(k)
            assert link.inner_text() == link.get_attribute("data-term")  # the term as text, never as markup
            link.click()
            expect(box).to_have_value(link.get_attribute("data-term"))
    if stem.startswith("03"):
        plot = page.locator(".explore-keyness-live")
        points = plot.locator("circle[data-term]")
        assert points.count() > 0
        for k in range(min(points.count(), 40)):
            point = points.nth(k)
            point.hover(force=True)
            point.click(force=True)
        find = plot.locator("input[type=search]")
        for term in ("onerror", "svg", "script", "科技", TERM):
            find.fill(term)
            find.press("Enter")
            find.dispatch_event("change")


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_no_payload_runs_in_any_report(hostile_run, browser):  # noqa: F811 (test_browser's fixture)
    reports = hostile_run
    pages = [reports / "index.html", *(reports / f"{p.stem}.html" for p in report.notebooks())]
    assert all(p.exists() for p in pages), sorted(p.name for p in reports.iterdir())
    failures = {}
    for path in pages:
        context, page, blocked, _ = _open_offline(browser, path)
        dialogs = []

        def dialog(d, dialogs=dialogs):
            dialogs.append(d.message)
            d.dismiss()

        page.on("dialog", dialog)
        try:
            _interact(page, path.stem)
            page.wait_for_timeout(300)  # an onerror of an image that failed to load fires after the load event
            found = page.evaluate(_FOUND)
            bad = {k: v for k, v in found.items() if v}
            if dialogs:
                bad["dialogs"] = dialogs
            if blocked:
                bad["requests"] = blocked[:5]
            if bad:  # each kind: how many, and the first few
                failures[path.name] = {k: (v if k == "xss" else [len(v), *v[:3]]) for k, v in bad.items()}
            text = page.locator("body").inner_text()
            assert any(p in text for p in [*PAYLOADS, FOLDER_PAYLOAD]), path.name  # the payloads reached the page
        finally:
            context.close()
    assert failures == {}, "\n".join(f"{name}: {found}" for name, found in failures.items())


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_the_pages_as_parsed_hold_no_payload_element(hostile_run, browser):  # noqa: F811 (test_browser's fixture)
    """The pages as the browser parses them, before any script runs (JavaScript off): what a reader without
    scripts sees (the explorers' static fallbacks, the plain tables) holds no element or attribute a payload made."""
    reports = hostile_run
    failures = {}
    for path in [reports / "index.html", *(reports / f"{p.stem}.html" for p in report.notebooks())]:
        context = browser.new_context(java_script_enabled=False)
        context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:")
                      else route.abort())
        try:
            page = context.new_page()
            page.goto(path.resolve().as_uri())
            found = page.evaluate(_FOUND)
            bad = {k: v for k, v in found.items() if v and k != "xss"}
            if bad:
                failures[path.name] = {k: [len(v), *v[:3]] for k, v in bad.items()}
        finally:
            context.close()
    assert failures == {}, "\n".join(f"{name}: {found}" for name, found in failures.items())
