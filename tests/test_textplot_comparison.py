"""helpers.textplot.comparison: comparison figures render Chinese labels and draw their data."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import png_strict

from helpers import textplot, textstat, tokens
from helpers.textstat.fragments import fragment_terms


@pytest.fixture(scope="module")
def section_keys(seed):
    words = textstat.annotate(tokens.segment(seed.paragraphs), seed, ["section"])
    inside = words["section"] == "第四"
    return textstat.keyness(textstat.counts(words[inside]), textstat.counts(words[~inside]), min_count=2,
                            measure="log_odds_dirichlet")


def test_keyness_bars_show_both_sides_with_counts(section_keys):
    fig = textplot.keyness(section_keys, top_n=4, target_label="第四", reference_label="rest")
    ax = fig.axes[0]
    widths = [p.get_width() for p in ax.patches]
    assert any(w > 0 for w in widths) and any(w < 0 for w in widths)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    top = section_keys.iloc[0]
    assert f"{top['term']} ({top['target']:,.0f} : {top['reference']:,.0f})" == labels[-1]
    png_strict(fig)


def test_fightin_words_labels_do_not_overlap(section_keys):
    fig = textplot.fightin_words(section_keys, top_n=8)
    ax = fig.axes[0]
    fig.canvas.draw()
    from matplotlib.text import Text

    renderer = fig.canvas.get_renderer()
    boxes = [Text.get_window_extent(t, renderer) for t in ax.texts  # the text only, not its leader line
             if t.get_text() in set(section_keys["term"])]
    assert len(boxes) >= 8
    assert not any(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1:])
    png_strict(fig)


def test_comparison_cloud_and_matrix(seed, section_keys):
    png_strict(textplot.comparison_cloud(section_keys, statistic="z", top_n=20))
    sim = textstat.similarity(textstat.annotate(tokens.segment(seed.paragraphs), seed, ["section"]), by="section")
    fig = textplot.matrix(sim)
    assert [t.get_text() for t in fig.axes[0].get_xticklabels()] == [str(s) for s in sim.columns]
    assert fig.axes[0].texts[0].get_text() == "1.00"


def test_style_panel(seed):
    table = textstat.style(seed, tokens.segment(seed.paragraphs), by="section")
    fig = textplot.style_panel(table, by="section")
    assert len(fig.axes) == 4 and all(len(ax.patches) == 7 for ax in fig.axes)
    png_strict(fig)


def test_keyness_bars_leave_out_fragments_and_say_how_many(extended_memory):
    """The 2016 report against the other reports of 2014-2019: fragments (稳 of 稳增长, 全 of 全社会 … pieces
    jieba split off) are not drawn, the title says how many would have been, the table keeps them."""
    words = extended_memory.tokens
    words = words[words["doc_id"].str.contains("gwr")]
    target = words["doc_id"] == "2016-03-05_gwr-2016"
    table = textstat.keyness(textstat.counts(words[target]), textstat.counts(words[~target]), min_count=3)
    before = table.copy()
    pieces = fragment_terms(extended_memory.tokens)
    top_n = 20
    drawn = pd.concat([table[table["statistic"] > 0].nlargest(top_n, "statistic"),
                       table[table["statistic"] < 0].nsmallest(top_n, "statistic")])
    met = set(drawn["term"]) & pieces
    assert met  # the unfiltered bars would show fragments
    fig = textplot.keyness(table, top_n=top_n, title="关键词", fragments=pieces)
    terms = {t.get_text().split(" (")[0] for t in fig.axes[0].get_yticklabels()}
    assert not terms & pieces and len(terms) == 2 * top_n
    assert f"{len(met)} one-character fragments left out" in fig._suptitle.get_text()
    pd.testing.assert_frame_equal(table, before)
    png_strict(fig)
