"""helpers.textplot.frequency: bars, word clouds, heatmaps and histograms render Chinese labels and draw their data."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from conftest import png_strict

from helpers import textplot, textstat, tokens
from helpers.textstat.fragments import fragment_terms


@pytest.fixture(scope="module")
def frequencies(seed):
    return textstat.frequency(tokens.segment(seed.paragraphs))


def test_bars_show_the_top_terms_largest_on_top(frequencies):
    fig = textplot.bars(frequencies, top_n=5, title="高频词")
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == frequencies["term"].head(5).tolist()[::-1]
    assert [round(p.get_width()) for p in ax.patches] == frequencies["count"].head(5).tolist()[::-1]
    assert fig._suptitle.get_text() == "高频词"
    png_strict(fig)


def test_bars_by_group_make_one_panel_per_group(seed):
    words = textstat.annotate(tokens.segment(seed.paragraphs), seed, ["section"])
    table = textstat.frequency(words, by="section")
    fig = textplot.bars(table, by="section", top_n=3)
    titles = [ax.get_title() for ax in fig.axes if ax.get_visible()]
    assert titles == ["opening", "第一", "第二", "第三", "第四", "第五", "closing"]
    png_strict(fig)


def test_wordcloud_is_deterministic_and_uses_our_counts(frequencies):
    a = png_strict(textplot.wordcloud(frequencies, top_n=40, random_state=1))
    b = png_strict(textplot.wordcloud(frequencies, top_n=40, random_state=1))
    c = png_strict(textplot.wordcloud(frequencies, top_n=40, random_state=2))
    assert a == b and a != c


def test_wordcloud_leaves_out_single_characters_unless_asked():
    table = pd.DataFrame({"term": ["科技", "新", "人才"], "count": [5, 50, 3]})
    from wordcloud import WordCloud

    seen = []
    original = WordCloud.generate_from_frequencies

    def spy(self, frequencies, max_font_size=None):  # wordcloud calls itself once more on the top words
        seen.append(dict(frequencies))
        return original(self, frequencies, max_font_size)

    WordCloud.generate_from_frequencies = spy
    try:
        textplot.wordcloud(table)
        assert set(seen[0]) == {"科技", "人才"}
        seen.clear()
        textplot.wordcloud(table, single_chars=True)
        assert set(seen[0]) == {"科技", "人才", "新"}
    finally:
        WordCloud.generate_from_frequencies = original


def test_heatmap_orders_and_labels_cells():
    table = pd.DataFrame({"term": ["甲", "乙", "甲"], "section": ["第一", "第二", "第二"], "n": [1.0, 2.0, 3.0]})
    fig = textplot.heatmap(table, index="term", columns="section", values="n", row_order=["乙", "甲"],
                           column_order=["第二", "第一"])
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["乙", "甲"]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["第二", "第一"]
    assert [t.get_text() for t in ax.texts] == ["2", "0", "3", "1"]
    assert np.array_equal(ax.images[0].get_array(), np.array([[2.0, 0.0], [3.0, 1.0]]))


def test_bars_of_an_empty_table_say_there_is_nothing_to_show(frequencies):
    for by in (None, "section"):
        empty = frequencies.iloc[:0].assign(section=pd.Series(dtype=object))
        empty = empty.astype(object) if by else empty  # an empty table built without dtypes
        fig = textplot.bars(empty, by=by, title="空")
        # the reason where the bars would be, and no axis ticks pretending to measure something
        assert [t.get_text() for t in fig.axes[0].texts] == ["没有可显示的词 nothing to show: the table has no rows"]
        assert not fig.axes[0].axison and len(fig.axes) == 1 and fig.get_suptitle() == "空"
        png_strict(fig)


def test_a_heatmap_colour_scale_is_not_set_by_one_tiny_section(seed):
    """The speech's section rates, plus a 19-word section whose one hit reads as 526 per 10,000: the colour scale
    stops at the 95th percentile of the cells and the colour bar says so; the speech's own heatmap (no such
    outlier: its largest cell is under 1.5 times the 95th percentile) keeps its full range."""
    words = textstat.annotate(tokens.segment(seed.paragraphs, progress=False), seed, ["section"])
    top = textstat.frequency(words)["term"].head(20)
    heat = textstat.frequency(words, by="section", terms=top)
    fig = textplot.heatmap(heat, index="term", columns="section", values="per_10k")
    assert fig.axes[0].images[0].get_clim() == (0, pytest.approx(heat["per_10k"].max()))
    assert fig.axes[1].get_ylabel() == "per_10k"
    tiny = pd.DataFrame({"term": [top.iloc[0]], "section": ["tiny"], "per_10k": [526.0]})
    scaled = heat.assign(per_10k=heat["per_10k"] / 10)  # rates of a long report: tens per 10,000 words
    outlier = pd.concat([scaled, tiny], ignore_index=True)
    fig = textplot.heatmap(outlier, index="term", columns="section", values="per_10k")
    cells = outlier["per_10k"].to_numpy()
    cap = float(np.quantile(cells[cells > 0], 0.95))
    assert fig.axes[0].images[0].get_clim() == (0, pytest.approx(cap)) and 526 > 1.5 * cap
    assert "colour capped at" in fig.axes[1].get_ylabel()


def test_bars_leave_out_fragments_and_say_how_many(extended_memory):
    """On the 2014-2019 reports: the collocation bars drop pairs built on a one-character fragment (调 + 结构)
    and the frequency bars drop fragments, naming them in the title; the tables keep every row."""
    words = extended_memory.tokens
    pieces = fragment_terms(words)
    pairs = textstat.collocations(words, min_count=2)
    before = pairs.copy()
    top = pairs.nlargest(40, "g2")
    hit = top[top[["w1", "w2"]].isin(pieces).any(axis=1)]
    assert len(hit) >= 2  # 调结构, 稳增长 … rank among the top 40
    fig = textplot.bars(pairs, label="collocation", value="g2", top_n=40, title="搭配", fragments=pieces)
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert len(labels) == 40 and not set(labels) & set(hit["collocation"])
    assert labels[::-1] == pairs[~pairs[["w1", "w2"]].isin(pieces).any(axis=1)].nlargest(40, "g2")[
        "collocation"].tolist()
    title = fig._suptitle.get_text()
    assert title.startswith("搭配\n") and f"{len((set(hit['w1']) | set(hit['w2'])) & pieces)} one-character" in title
    pd.testing.assert_frame_equal(pairs, before)
    plain = textplot.bars(pairs, label="collocation", value="g2", top_n=40, title="搭配")
    assert plain._suptitle.get_text() == "搭配"  # no fragments given: every row drawn
    single = textstat.frequency(words[words["token"].str.len() == 1])
    shown = set(single["term"].head(30)) & pieces
    assert shown
    fig = textplot.bars(single, top_n=30, fragments=pieces)
    assert not {t.get_text() for t in fig.axes[0].get_yticklabels()} & pieces
    assert f"{len(shown)} one-character fragments left out" in fig._suptitle.get_text()
    fig.savefig("/tmp/fragments-bars.png", dpi=60)
