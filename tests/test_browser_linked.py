"""Linked views in the report pages (issue 34), in headless Chromium: a term anywhere on the page opens the concordance.

On the reports of the bundled corpus (built once per session by ``bundled_run``): a term clicked in a table
opens the page's term view with the count the table gives for it (a formulation, counted as a string); the
hits sort by the left context read leftwards; a regular expression finds the hits Python's ``re`` finds, and
an invalid one says why beside the box; the trend by year has one point per year with documents; the term
box completes from the vocabulary; Tab reaches a linked term and Enter opens it; the keyness plot's contexts
offer the term in the concordance.
"""

from __future__ import annotations

import pytest
from test_browser import _open_offline, browser  # noqa: F401 (the browser fixture)

from helpers import corpus, explore, textstat, tokens
from helpers.explore import search

PATTERN = "科技(强国|自立自强)"
FORMULATION = "科技强国"


def _term_view(page):
    """The page's term view, once every table is drawn (DataTables loads after the page)."""
    from playwright.sync_api import expect

    # a locator's wait runs in Playwright's own script world: a string predicate (wait_for_function) is compiled
    # in the page, which the report's policy forbids (no 'unsafe-eval') once it has to poll on a slow machine
    expect(page.locator("table.dataTable")).to_have_count(page.locator("script.table-data").count(),
                                                          timeout=30_000)
    return page.locator(".explore-concordance-live").first


def _hits(view) -> int:
    return int(view.locator(".explore-count").inner_text().split()[0].replace(",", ""))


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_terms_on_the_page_open_the_term_view(bundled_run, browser):  # noqa: F811 (test_browser's fixture)
    from playwright.sync_api import expect

    _, reports, _ = bundled_run
    seed = corpus.load()
    years = seed.documents["year"].dropna().nunique()
    vocabulary = search.vocabulary(tokens.segment(seed.paragraphs, stopword_lists=("general", "policy")))

    context, page, blocked, problems = _open_offline(browser, reports / "01_frequency.html")
    try:
        view = _term_view(page)
        box = view.locator("input[data-kwic]")
        # completion from the corpus' vocabulary
        assert view.locator("datalist option").count() == len(vocabulary) > 100
        # a term in a table: a real button; clicking it fills the box, runs the search and moves focus there
        link = page.locator("table.dataTable td button.term-link").first
        term = link.get_attribute("data-term")
        assert link.inner_text() == term
        link.click()
        expect(box).to_have_value(term)
        expect(box).to_be_focused()
        assert _hits(view) == len(textstat.kwic(seed.paragraphs, term))
        # sorted by the left context read leftwards, the character next to the match first
        box.fill("人才")
        box.press("Enter")
        view.locator("select.kwic-sort").select_option("left")
        lefts = view.locator(".explore-kwic td.l").all_inner_texts()
        assert len(lefts) == 29 and [s[::-1] for s in lefts] == sorted(s[::-1] for s in lefts)
        view.locator("select.kwic-sort").select_option("text")
        # a regular expression: the hits of Python's re; an invalid one says why, beside the box
        view.locator("input.kwic-regex").check()
        box.fill(PATTERN)
        box.press("Enter")
        assert _hits(view) == len(explore.kwic(seed, PATTERN, regex=True)) > 0
        assert set(view.locator(".explore-kwic td.m").all_inner_texts()) == {"科技强国", "科技自立自强"}
        box.fill("科技(")
        box.press("Enter")
        expect(view.locator(".regex-error")).not_to_be_empty()
        view.locator("input.kwic-regex").uncheck()
        # the trend by year: one point per year with documents, no line for one year; the distribution
        box.fill("人才")
        box.press("Enter")
        assert view.locator("circle.trend-point").count() == years
        assert view.locator("line.trend-line").count() == max(0, years - 1) == 0
        expect(view.locator(".trend-note")).to_contain_text("One year only")
        assert view.locator(".explore-documents tbody tr").count() == len(seed.documents)
        # the keyboard: Tab reaches a linked term, Enter opens it
        page.locator("h1").first.click()
        for _ in range(300):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.classList.contains('term-link')"):
                break
        focused = page.evaluate("document.activeElement.dataset.term")
        assert focused, "no linked term reached by Tab"
        page.keyboard.press("Enter")
        expect(box).to_have_value(focused)
        assert blocked == [] and problems == [], (blocked, problems)
    finally:
        context.close()

    context, page, blocked, problems = _open_offline(browser, reports / "03_comparison.html")
    try:
        view = _term_view(page)
        # a formulation's count in its table is the string count the term view finds
        heads = [[h.strip() for h in t.locator("thead th").all_inner_texts()] for t in page.locator("table.dataTable").all()]
        at = next((k for k, h in enumerate(heads) if "formulation" in h and "total" in h), None)
        assert at is not None, heads
        table = page.locator("table.dataTable").nth(at)
        row = table.locator("tbody tr", has=page.locator(f"button.term-link[data-term='{FORMULATION}']")).first
        total = int(row.locator("td").nth(heads[at].index("total")).inner_text())
        row.locator("button.term-link").click()
        expect(view.locator("input[data-kwic]")).to_have_value(FORMULATION)
        assert _hits(view) == total == len(textstat.kwic(seed.paragraphs, FORMULATION))
        # the keyness plot: a point's contexts offer the term in the concordance
        plot = page.locator(".explore-keyness-live")
        point = plot.locator("circle[tabindex='0']").first
        point.focus()
        page.keyboard.press("Enter")
        plot.locator("button.show-in-concordance").click()
        expect(view.locator("input[data-kwic]")).to_have_value(point.get_attribute("data-term"))
        assert blocked == [] and problems == [], (blocked, problems)
    finally:
        context.close()
