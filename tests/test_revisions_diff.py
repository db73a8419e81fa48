"""Character differences: exact round trip on any text and on real report sentences; escaped HTML."""

from __future__ import annotations

import html
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import revisions
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
