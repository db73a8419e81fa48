"""Reports for keyboard and screen-reader users, in Chromium: the first Tab reaches a skip link to the main part,
headings go down one level at a time, keyboard focus is visible, and a figure's alt text says what it shows."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
from nbformat import v4
from test_browser import browser  # noqa: F401  (the fixture: Debian's Chromium, no system CJK font)

from helpers.report.export import export_html
from helpers.report.kernel import FIGURE_MIME
from helpers.report.page import alt_text


def _png(width_px: int) -> str:
    import base64
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (width_px, 200), "#3b6ea5").save(buffer, format="PNG")
    return base64.b64encode(buffer.getvalue()).decode("ascii")


HEADINGS = """() => [...document.querySelectorAll("h1, h2, h3, h4, h5, h6")]
  .filter(h => h.getClientRects().length).map(h => Number(h.tagName[1]))"""


def _keyboard_path(page) -> dict:
    """Tab once from the page's top: what has focus, whether it is seen, and where Enter takes the reader."""
    page.keyboard.press("Tab")
    first = page.evaluate("""() => { const a = document.activeElement, box = a.getBoundingClientRect(),
      style = getComputedStyle(a);
      return {tag: a.tagName, cls: a.className, href: a.getAttribute("href"), width: box.width, top: box.top,
              outline: style.outlineStyle, outlineWidth: parseFloat(style.outlineWidth)}; }""")
    page.keyboard.press("Enter")
    first["then"] = page.evaluate("document.activeElement.id || document.activeElement.tagName")
    page.keyboard.press("Tab")  # the first control of the main part, also outlined
    first["next_outline"] = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    first["next_in_main"] = page.evaluate("!!document.activeElement.closest('main')")
    return first


def test_alt_text_is_the_description_when_a_figure_has_one():
    assert alt_text({"title": "词语趋势", "description": "词语趋势. speech: 科技 40.0 (2016) → 275.2 (2024)"}) \
        == "词语趋势. speech: 科技 40.0 (2016) → 275.2 (2024)"
    assert alt_text({"title": "词频", "description": "科技 96, 创新 60"}) == "词频: 科技 96, 创新 60"
    assert alt_text({"title": "词频"}) == "词频"


@pytest.mark.slow
def test_skip_link_headings_focus_and_alt_text_of_a_page(browser, tmp_path):  # noqa: F811
    described = "词语趋势 Terms over time. speech: 科技 40.0 (2016) → 275.2 (2024); 人才 3.0 (2016) → 5.0 (2024)"
    nb = v4.new_notebook(cells=[
        v4.new_markdown_cell("# 无障碍\n\n## 趋势 Trends\n\n### 词语 Terms"),
        v4.new_code_cell("fig", outputs=[v4.new_output("display_data", data={
            "image/png": _png(600), FIGURE_MIME: {"title": "词语趋势 Terms over time", "description": described}})]),
    ])
    path = tmp_path / "a11y.html"
    path.write_text(export_html(nb, name="a11y"), encoding="utf-8")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    assert page.locator("figure img").get_attribute("alt") == described
    headings = page.evaluate(HEADINGS)
    assert headings[0] == 1 and all(b <= a + 1 for a, b in itertools.pairwise(headings)), headings
    path_ = _keyboard_path(page)
    assert path_["cls"] == "skip" and path_["href"] == "#main"
    assert path_["width"] > 20 and path_["top"] >= 0  # shown on screen when focused
    assert path_["outline"] != "none" and path_["outlineWidth"] >= 2
    assert path_["then"] == "main"
    context.close()


@pytest.mark.slow
def test_reports_of_the_bundled_corpus(bundled_run, browser):  # noqa: F811
    _, reports, _ = bundled_run
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    for report in sorted(Path(reports).glob("*.html")):
        page.goto(report.as_uri())
        page.wait_for_load_state("load")
        page.wait_for_timeout(300)  # the page script makes the explorers live (their headings)
        headings = page.evaluate(HEADINGS)
        skipped = [(a, b) for a, b in itertools.pairwise(headings) if b > a + 1]
        assert headings[0] == 1 and headings.count(1) == 1 and not skipped, (report.name, headings)
        path_ = _keyboard_path(page)
        assert (path_["cls"], path_["href"], path_["then"]) == ("skip", "#main", "main"), report.name
        assert path_["outline"] != "none" and path_["next_outline"] != "none", report.name
        alts = page.evaluate("[...document.querySelectorAll('img')].map(i => i.getAttribute('alt') || '')")
        assert all(a.strip() for a in alts), report.name
    context.close()


@pytest.mark.slow
def test_trend_figures_of_the_bundled_corpus_describe_their_data(bundled_run):
    _, reports, _ = bundled_run
    page = (Path(reports) / "03_comparison.html").read_text(encoding="utf-8")
    alt = page.split('alt="词语趋势', 1)[1].split('"', 1)[0]  # one speech: the levels of the terms, with values
    assert re.search(r"\d+\.\d", alt), alt
