"""Printing a report (Chromium's print media and its PDF): figures fit the page, tables print their rows (a long
one its first rows and how many more the CSV holds), the pager, search boxes, explorers and buttons are left out,
and each section starts a page."""

from __future__ import annotations

import base64
import io
import re
from pathlib import Path

import pytest
from nbformat import v4
from test_browser import browser  # noqa: F401  (the fixture: Debian's Chromium, no system CJK font)

from helpers.report.export import export_html
from helpers.report.kernel import FIGURE_MIME, TABLE_MIME

pytestmark = pytest.mark.slow

PRINT_WIDTH = 703  # CSS px of A4 (210 mm) less the print stylesheet's 12 mm margins each side, at 96 px per inch
PRINT_ROWS = 200  # as report.js prints


def _wide_png(width_px: int) -> str:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (width_px, 300), "#3b6ea5").save(buffer, format="PNG")
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def _notebook(rows: int):
    table = {"columns": ["词", "次数"], "kinds": ["text", "integer"], "n_rows": rows,
             "rows": [[f"科技{k}", k] for k in range(rows)]}
    small = {**table, "n_rows": 40, "rows": table["rows"][:40]}
    return v4.new_notebook(cells=[
        v4.new_markdown_cell("# 打印\n\n## 词频 Frequencies"),
        v4.new_code_cell("fig", outputs=[v4.new_output("display_data", data={
            "image/png": _wide_png(2400), FIGURE_MIME: {"title": "宽图 A wide figure"}})]),
        v4.new_code_cell("frequencies", outputs=[v4.new_output("display_data", data={TABLE_MIME: small})]),
        v4.new_markdown_cell("## 全表 The long table"),
        v4.new_code_cell("everything", outputs=[v4.new_output("display_data", data={TABLE_MIME: table})])])


def _print_layout(page) -> dict:
    """The page's layout in print media, once the page script has redrawn its tables for print (the media's
    change event comes with the next frame)."""
    page.wait_for_function("""() => [...document.querySelectorAll("script.table-data")].every(b => {
      const n = Math.min(JSON.parse(b.textContent).rows.length, 200);
      const table = document.getElementById(b.dataset.for);
      return n === 0 || (!!table.tBodies[0] && table.tBodies[0].rows.length === n);  // drawn, unless empty
    })""", timeout=10_000)
    return page.evaluate("""() => {
      const shown = node => !!node && getComputedStyle(node).display !== "none" && node.getClientRects().length > 0;
      const width = document.documentElement.clientWidth;
      return {
        width, scrollWidth: document.documentElement.scrollWidth,
        figures: [...document.querySelectorAll("figure img")].map(i => i.getBoundingClientRect().right),
        rows: [...document.querySelectorAll("table.data-table")].map(t => t.tBodies[0] ? t.tBodies[0].rows.length : 0),
        notes: [...document.querySelectorAll(".print-note")].filter(shown).map(n => n.textContent),
        controls: [...document.querySelectorAll("button:not(.table-block .term-link), input, .dt-paging, "
                                                + ".dt-search, .dt-length, .dt-info, .explore-live, a.skip, details.code")]
                    .filter(shown).map(n => n.outerHTML.slice(0, 80)),
        // a term of a table cell is a button on screen (it opens the concordance) and plain text in print
        termsAsText: [...document.querySelectorAll(".table-block button.term-link")].filter(shown)
                     .every(b => getComputedStyle(b).borderBottomStyle === "none"
                                 && getComputedStyle(b).color === getComputedStyle(b.parentElement).color),
        breaks: [...document.querySelectorAll("main h2, .end > h2")].map(h => getComputedStyle(h).breakBefore),
      };
    }""")


def test_print_fits_figures_shows_rows_and_hides_controls(browser, tmp_path):  # noqa: F811
    path = tmp_path / "print.html"
    path.write_text(export_html(_notebook(260), name="print"), encoding="utf-8")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(path.as_uri())
    page.wait_for_selector("table.data-table tbody tr")
    assert page.locator(".dt-paging").first.is_visible()  # on screen: paged, 15 rows
    assert [page.evaluate(f"document.querySelectorAll('table.data-table')[{k}].tBodies[0].rows.length")
            for k in (0, 1)] == [15, 15]
    page.set_viewport_size({"width": PRINT_WIDTH, "height": 1000})
    page.emulate_media(media="print")
    layout = _print_layout(page)
    assert layout["scrollWidth"] <= layout["width"]  # nothing runs off the right of the page
    assert layout["figures"] and max(layout["figures"]) <= layout["width"]
    assert layout["rows"] == [40, PRINT_ROWS]
    assert layout["notes"] == [f"{260 - PRINT_ROWS} more rows in the CSV (first {PRINT_ROWS} printed)"]
    assert layout["controls"] == []
    assert set(layout["breaks"]) == {"page"} and len(layout["breaks"]) == 3  # two sections and the provenance
    pdf = page.pdf(format="A4", print_background=False)
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert pdf.startswith(b"%PDF") and pages >= 4  # title page, two sections, provenance
    page.emulate_media(media="screen")  # back on screen: paged again
    page.wait_for_function("document.querySelectorAll('table.data-table')[1].tBodies[0].rows.length === 15",
                           timeout=10_000)
    context.close()


def test_a_report_of_the_bundled_corpus_prints_within_the_page(bundled_run, browser):  # noqa: F811
    _, reports, _ = bundled_run
    context = browser.new_context(viewport={"width": PRINT_WIDTH, "height": 1000})
    page = context.new_page()
    for report in sorted(Path(reports).glob("0*.html")):
        page.goto(report.as_uri())
        page.wait_for_load_state("load")
        page.emulate_media(media="print")
        layout = _print_layout(page)
        assert layout["scrollWidth"] <= layout["width"], report.name
        assert all(right <= layout["width"] for right in layout["figures"]), report.name
        assert layout["controls"] == [], report.name
        assert layout["termsAsText"], report.name
        expected = page.evaluate("""() => [...document.querySelectorAll("script.table-data")]
                                      .map(b => Math.min(JSON.parse(b.textContent).rows.length, 200))""")
        assert layout["rows"] == expected, report.name
        page.emulate_media(media="screen")
    context.close()
