"""Character differences: exact round trip on any text and on real report sentences; escaped HTML."""

from __future__ import annotations

import html
import os
import re
import shutil

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import config, fonts, revisions
from helpers.errors import ParameterError
from helpers.revisions import alignment, diff

OLD, NEW = "2018-03-05_gwr-2018", "2019-03-05_gwr-2019"


@pytest.fixture(scope="module")
def sentences(extra_dir) -> list[str]:
    text = (extra_dir / f"{OLD}.txt").read_text(encoding="utf-8")
    return list(alignment.sentences_of([p for p in text.split("\n") if p.strip()])["text"])


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80), st.text(max_size=80))
def test_applying_the_differences_gives_the_new_text(old, new):
    assert diff.apply(old, diff.chars(old, new)) == new


@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_random_edits_to_a_real_sentence_are_found(sentences, data):
    old = data.draw(st.sampled_from([s for s in sentences if len(s) > 20]))
    new = old
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(new)))
        kind = data.draw(st.sampled_from(["insert", "delete", "replace"]))
        piece = data.draw(st.text(alphabet="新质生产力6G人工智能<>&\"", min_size=1, max_size=5))
        if kind == "insert":
            new = new[:at] + piece + new[at:]
        elif kind == "delete":
            new = new[:at] + new[at + len(piece):]
        else:
            new = new[:at] + piece + new[at + len(piece):]
    edits = diff.chars(old, new)
    assert diff.apply(old, edits) == new
    assert edits.empty == (old == new)
    # every character outside the edits is shared, in order
    kept_old = "".join(old[a:b] for a, b in _gaps(edits, "old", len(old)))
    kept_new = "".join(new[a:b] for a, b in _gaps(edits, "new", len(new)))
    assert kept_old == kept_new


def _gaps(edits, side, length):
    at, out = 0, []
    for start, end in edits[[f"{side}_start", f"{side}_end"]].itertuples(index=False):
        out.append((at, start))
        at = end
    return [*out, (at, length)]


def test_a_lost_letter_is_found():
    old = "加快5G商用步伐，前瞻布局6G网络技术研发。"
    new = "加快5G商用步伐，前瞻布局6网络技术研发。"
    edits = diff.chars(old, new)
    assert edits[["op", "old", "new", "old_start"]].values.tolist() == [["delete", "G", "", 14]]


def test_width_differences_are_trivial():
    edits = diff.chars("增长６．５％左右", "增长6．5％左右")
    assert edits["trivial"].all() and len(edits) == 2


def test_inline_html_is_escaped():
    old, new = "警惕<script>alert(1)</script>风险", "警惕<b>风险</b>"
    marked = diff.inline(old, new)
    assert "<script" not in marked and "<b>" not in marked
    body = re.fullmatch(r'<span class="rev-diff">(.*)</span>', marked).group(1)
    assert html.unescape(re.sub(r"<ins>.*?</ins>|</?del>", "", body)) == old
    assert html.unescape(re.sub(r"<del>.*?</del>|</?ins>", "", body)) == new
    assert marked._repr_html_() == str(marked)


def test_changes_of_consecutive_reports(extended):
    aligned = revisions.align(extended, OLD, NEW)
    edits = diff.changes(aligned)
    changed = aligned[aligned["status"].isin(["changed", "moved"])]
    assert set(edits["unit_no"]) <= set(changed.index)
    for unit_no, row in changed.iterrows():
        assert diff.apply(row["old_text"], edits[edits["unit_no"] == unit_no]) == row["new_text"]
    unit = aligned.index[aligned["new_text"].str.startswith("今年赤字率拟按2.8%安排")][0]
    deficit = edits[edits["unit_no"] == unit]
    assert ["replace", "6", "8"] in deficit[["op", "old", "new"]].values.tolist()
    table = diff.inline_table(aligned, top_n=5)
    assert table.count("<tr>") == 6


# --- the side-by-side review ---------------------------------------------------------------------------------------

OLD_2014, NEW_2015 = "2014-03-05_gwr-2014", "2015-03-05_gwr-2015"
CELL = re.compile(r'<td class="(old|new)">(.*?)</td>', re.S)


@pytest.fixture(scope="module")
def aligned_2014(extended):
    return revisions.align(extended, OLD_2014, NEW_2015)


def _cells(page: str) -> list[tuple[str, str]]:
    """(old cell, new cell) of each body row of a review."""
    found = CELL.findall(page)
    assert [side for side, _ in found] == ["old", "new"] * (len(found) // 2)
    return [(found[i][1], found[i + 1][1]) for i in range(0, len(found), 2)]


def test_review_of_2014_and_2015_one_row_per_pair_marks_equal_the_diff(aligned_2014):
    page = diff.review(aligned_2014)
    changed = aligned_2014[aligned_2014["status"].isin(["changed", "moved"])].sort_values("similarity", kind="stable")
    assert len(changed) > 50  # the two reports differ in many sentences
    rows = _cells(page)
    assert len(rows) == len(changed) == page.count("<tr>") - 1  # one row per pair, plus the header row
    edits = diff.changes(aligned_2014)
    for (left, right), (unit_no, pair) in zip(rows, changed.iterrows(), strict=True):
        # each side reads as its sentence once the marks are removed
        assert html.unescape(re.sub(r"</?del>", "", left)) == pair["old_text"]
        assert html.unescape(re.sub(r"</?ins>", "", right)) == pair["new_text"]
        assert "<ins>" not in left and "<del>" not in right
        # the marked characters are exactly the edits of chars(), in order
        mine = edits[edits["unit_no"] == unit_no]
        assert [html.unescape(d) for d in re.findall(r"<del>(.*?)</del>", left)] == [t for t in mine["old"] if t]
        assert [html.unescape(i) for i in re.findall(r"<ins>(.*?)</ins>", right)] == [t for t in mine["new"] if t]
    assert f"all {len(changed)} changed and moved sentences, least similar first" in page
    # the deficit target of 2015: the old figure struck out on the left, the new one inserted on the right
    assert any("赤字" in left and "赤字" in right for left, right in rows)


def test_review_orders_and_cuts(aligned_2014):
    reading = _cells(diff.review(aligned_2014, order="reading"))
    changed = aligned_2014[aligned_2014["status"].isin(["changed", "moved"])]
    assert [html.unescape(re.sub(r"</?del>", "", left)) for left, _ in reading] == changed["old_text"].tolist()
    top = diff.review(aligned_2014, top_n=5)
    assert len(_cells(top)) == 5 and f"5 of {len(changed)} changed and moved" in top
    only_moved = diff.review(aligned_2014, statuses=("moved",))
    assert len(_cells(only_moved)) == (aligned_2014["status"] == "moved").sum()
    added = diff.review(aligned_2014, statuses=("added",), top_n=3)
    assert all(left == "" and "<ins>" in right for left, right in _cells(added))  # nothing on the older side


def test_review_escapes_markup_in_the_text():
    aligned = pd.DataFrame({"status": ["changed"], "similarity": [0.6], "old_sent_no": [3], "new_sent_no": [4],
                            "old_text": ["警惕<script>alert(1)</script>风险&"], "new_text": ["警惕<b>风险</b>&amp;"]})
    page = diff.review(aligned)
    assert "<script" not in page and "<b>" not in page
    [(left, right)] = _cells(page)
    assert html.unescape(re.sub(r"</?del>", "", left)) == aligned.at[0, "old_text"]
    assert html.unescape(re.sub(r"</?ins>", "", right)) == aligned.at[0, "new_text"]
    assert "3 → 4" in page and "0.60" in page


def test_review_rejects_bad_options(aligned_2014):
    with pytest.raises(ParameterError, match="order"):
        diff.review(aligned_2014, order="length")
    with pytest.raises(ParameterError, match="top_n"):
        diff.review(aligned_2014, top_n=0)
    with pytest.raises(ParameterError, match="statuses"):
        diff.review(aligned_2014, statuses=("chnaged",))
    assert diff.review(aligned_2014.iloc[0:0]) == "<p>No changed sentences.</p>"


@pytest.mark.slow
def test_review_is_readable_at_1280_px(aligned_2014, tmp_path):
    """In Chromium at 1280x800, with the report's stylesheet: two text columns of at least 480 px each and a
    row of about 60 characters a side under 120 px tall."""
    chromium = next((c for c in ("/usr/bin/chromium", shutil.which("chromium")) if c and os.access(c, os.X_OK)), None)
    if chromium is None:
        pytest.skip("Chromium not found (/usr/bin/chromium): install the system package `chromium`")
    sync_api = pytest.importorskip("playwright.sync_api", reason="the Python package playwright is missing")
    page_html = diff.review(aligned_2014)
    family = f"{fonts.FAMILY} (embedded)"
    css = (config.ROOT / "helpers" / "report" / "assets" / "report.css").read_text(encoding="utf-8")
    text = "".join(aligned_2014["old_text"].dropna()) + "".join(aligned_2014["new_text"].dropna())
    document = (f'<!doctype html><meta charset="utf-8"><style>{fonts.font_face(text + "unitolderesimdt→")}'
                f'{css.replace("EMBEDDED_FAMILY", family)}</style><body><div class="html-output">{page_html}</div>')
    (tmp_path / "review.html").write_text(document, encoding="utf-8")
    with sync_api.sync_playwright() as playwright:
        chrome = playwright.chromium.launch(executable_path=chromium, headless=True,
                                            args=["--no-sandbox", "--disable-gpu"])
        try:
            page = chrome.new_page(viewport={"width": 1280, "height": 800})
            page.goto((tmp_path / "review.html").as_uri())
            page.evaluate("document.fonts.ready")
            widths = page.eval_on_selector_all("table.rev-review tbody tr:first-child td",
                                               "cells => cells.map(c => c.getBoundingClientRect().width)")
            rows = page.eval_on_selector_all(
                "table.rev-review tbody tr",
                "rows => rows.map(r => [r.getBoundingClientRect().height, r.cells[1].textContent.length,"
                " r.cells[2].textContent.length])")
            page.screenshot(path=str(tmp_path / "review.png"), full_page=False)
        finally:
            chrome.close()
    assert widths[1] >= 480 and widths[2] >= 480 and abs(widths[1] - widths[2]) < 1
    typical = [height for height, old, new in rows if 50 <= max(old, new) <= 70]
    assert typical and max(typical) < 120, typical
    assert page_html.count("<tr>") - 1 == len(rows)
