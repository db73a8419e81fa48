"""helpers.textplot: each figure kind renders Chinese labels and draws its data."""

from __future__ import annotations

import io
import warnings

import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure

from helpers import textplot, textstat, tokens


def _png(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a missing glyph (a box) would warn
        fig.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()


@pytest.fixture(scope="module")
def frequencies(seed):
    return textstat.frequency(tokens.segment(seed.paragraphs))


def _labels(fig: Figure) -> set[str]:
    return {t.get_text() for ax in fig.axes for t in ax.get_yticklabels() + ax.get_xticklabels()}


def test_bars_show_the_top_terms_largest_on_top(frequencies):
    fig = textplot.bars(frequencies, top_n=5, title="高频词")
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == frequencies["term"].head(5).tolist()[::-1]
    assert [round(p.get_width()) for p in ax.patches] == frequencies["count"].head(5).tolist()[::-1]
    assert fig._suptitle.get_text() == "高频词"
    _png(fig)


def test_bars_by_group_make_one_panel_per_group(seed):
    words = textstat.annotate(tokens.segment(seed.paragraphs), seed, ["section"])
    table = textstat.frequency(words, by="section")
    fig = textplot.bars(table, by="section", top_n=3)
    titles = [ax.get_title() for ax in fig.axes if ax.get_visible()]
    assert titles == ["opening", "第一", "第二", "第三", "第四", "第五", "closing"]
    _png(fig)


def test_wordcloud_is_deterministic_and_uses_our_counts(frequencies):
    a = _png(textplot.wordcloud(frequencies, top_n=40, random_state=1))
    b = _png(textplot.wordcloud(frequencies, top_n=40, random_state=1))
    c = _png(textplot.wordcloud(frequencies, top_n=40, random_state=2))
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


def test_dispersion_marks_every_hit_and_the_sections(seed):
    hits = textstat.dispersion(seed.paragraphs, ["人才", "自立自强"])
    fig = textplot.dispersion(hits, textstat.section_bounds(seed.paragraphs), terms=["人才", "自立自强"])
    ax = fig.axes[0]
    assert {"人才 (29)", "自立自强 (5)"} <= _labels(fig)
    drawn = sum(len(c.get_segments()) for c in ax.collections)
    assert drawn == 34
    assert {t.get_text() for t in ax.texts} >= {"opening", "第一", "第五", "closing"}
    _png(fig)


def test_heatmap_orders_and_labels_cells():
    table = pd.DataFrame({"term": ["甲", "乙", "甲"], "section": ["第一", "第二", "第二"], "n": [1.0, 2.0, 3.0]})
    fig = textplot.heatmap(table, index="term", columns="section", values="n", row_order=["乙", "甲"],
                           column_order=["第二", "第一"])
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["乙", "甲"]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["第二", "第一"]
    assert [t.get_text() for t in ax.texts] == ["2", "0", "3", "1"]
    assert np.array_equal(ax.images[0].get_array(), np.array([[2.0, 0.0], [3.0, 1.0]]))


def test_paragraph_lengths_and_histogram(seed):
    fig = textplot.paragraph_lengths(seed.paragraphs)
    assert len(fig.axes[0].patches) == 26
    _png(fig)
    fig = textplot.histogram(seed.sentences["n_chars"], bins=10)
    assert sum(p.get_height() for p in fig.axes[0].patches) == len(seed.sentences)
    _png(fig)


# --- figures of notebook 02 (themes) -------------------------------------------------------------


@pytest.fixture(scope="module")
def theme_words(seed):
    return textstat.annotate(tokens.segment(seed.paragraphs, stopwords=("general", "policy")), seed, ["section"])


def test_profile_draws_a_strip_per_theme_and_a_bar_per_paragraph(seed):
    from helpers import themes

    scores = themes.score(seed.paragraphs)
    fig = textplot.profile(scores, title="主题沿文本分布", ylabel="每千字")
    order = list(scores["theme"].cat.categories)
    assert [ax.get_ylabel() for ax in fig.axes] == order
    for ax, theme in zip(fig.axes, order, strict=True):
        bars = ax.containers[0].patches
        assert [round(b.get_height(), 9) for b in bars] == \
            scores.loc[scores["theme"] == theme, "per_1k"].round(9).tolist()
    top = fig.axes[0].child_axes[0]
    assert [t.get_text() for t in top.get_xticklabels()] == ["opening", "第一", "第二", "第三", "第四", "第五", "closing"]
    assert [t.get_text() for t in fig.axes[-1].get_xticklabels()] == [str(n) for n in range(1, 27)]
    assert fig.axes[0].get_ylim() == fig.axes[-1].get_ylim()  # one scale for every strip
    _png(fig)


def test_paragraph_heatmap_has_a_column_per_paragraph_and_separates_documents():
    table = pd.DataFrame({
        "doc_id": ["a", "a", "a", "a", "b", "b"], "para_no": [1, 1, 2, 2, 1, 1],
        "section": ["甲", "甲", "乙", "乙", "甲", "甲"], "topic": ["T1 科技", "T2 人才"] * 3,
        "share": [0.25, 0.75, 1.0, 0.0, 0.5, 0.5],
    })
    fig = textplot.paragraph_heatmap(table, rows="topic", value="share", title="段落×主题")
    ax = fig.axes[0]
    assert np.array_equal(ax.images[0].get_array(), np.array([[0.25, 1.0, 0.5], [0.75, 0.0, 0.5]]))
    assert [t.get_text() for t in ax.get_yticklabels()] == ["T1 科技", "T2 人才"]
    assert [t.get_text() for t in ax.child_axes[0].get_xticklabels()] == ["a", "b"]  # several documents: named
    boundaries = [line.get_xdata()[0] for line in ax.lines if line.get_color() == "#222222"]
    assert boundaries == [1.5]
    _png(fig)


def test_keywords_figure_puts_both_methods_side_by_side(theme_words):
    from helpers import themes

    table = themes.keywords(theme_words, by=["doc_id", "section"], top_n=5)
    fig = textplot.keywords(table, title="关键词")
    panels = [ax for ax in fig.axes if ax.get_visible()]
    assert [ax.get_title() for ax in panels] == ["opening", "第一", "第二", "第三", "第四", "第五", "closing"]
    fourth = panels[4]
    part = table[table["section"] == "第四"]
    texts = {t.get_text() for t in fourth.texts}
    assert set(part["tfidf_term"]) | set(part["textrank_term"]) <= texts
    assert len(fourth.lines) == len(set(part["tfidf_term"]) & set(part["textrank_term"]))
    _png(fig)


def test_network_labels_every_node_without_overlaps_and_is_deterministic(theme_words):
    import networkx as nx

    from helpers import themes

    graph = themes.network(themes.cooccurrence(theme_words, top_n=40, min_count=2), random_state=42)
    fig = textplot.network(graph, random_state=42, title="共现网络")
    ax = fig.axes[0]
    labels = [t for t in ax.texts if t.get_text() in graph]
    assert sorted(t.get_text() for t in labels) == sorted(graph.nodes)
    fig.canvas.draw()
    boxes = [t.get_window_extent() for t in labels]
    crowded = [(labels[i].get_text(), labels[j].get_text()) for i in range(len(boxes))
               for j in range(i + 1, len(boxes))
               if min(boxes[i].x1, boxes[j].x1) - max(boxes[i].x0, boxes[j].x0) > 1
               and min(boxes[i].y1, boxes[j].y1) - max(boxes[i].y0, boxes[j].y0) > 1]
    assert crowded == []
    frame = ax.get_window_extent()
    assert all(frame.x0 <= b.x0 and b.x1 <= frame.x1 and frame.y0 <= b.y0 and b.y1 <= frame.y1 for b in boxes)
    legend = fig.legends[0]
    assert len(legend.get_texts()) == len({d["community"] for _, d in graph.nodes(data=True)})
    assert legend.get_texts()[0].get_text().startswith("1: 科技")
    assert _png(fig) == _png(textplot.network(graph, random_state=42, title="共现网络"))
    _png(textplot.network(nx.Graph()))


def test_network_layout_does_not_depend_on_the_hash_seed():
    import os
    import subprocess
    import sys

    from helpers import config

    script = (
        "import hashlib, io; from helpers import corpus, textplot, themes, tokens\n"
        "w = tokens.segment(corpus.load().paragraphs, stopwords=('general', 'policy'))\n"
        "fig = textplot.network(themes.network(themes.cooccurrence(w, top_n=40, min_count=2)), random_state=42)\n"
        "buffer = io.BytesIO(); fig.savefig(buffer, format='png', metadata={'Software': None})\n"
        "print(hashlib.sha256(buffer.getvalue()).hexdigest())\n"
    )
    digests = set()
    for seed in ("1", "2"):
        done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                              env={**os.environ, "PYTHONHASHSEED": seed}, cwd=config.ROOT, timeout=300)
        digests.add(done.stdout.strip().splitlines()[-1])
    assert len(digests) == 1


# --- comparison figures (notebook 03) ----------------------------------------------------------------


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
    _png(fig)


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
    _png(fig)


def test_comparison_cloud_and_matrix(seed, section_keys):
    _png(textplot.comparison_cloud(section_keys, statistic="z", top_n=20))
    sim = textstat.similarity(textstat.annotate(tokens.segment(seed.paragraphs), seed, ["section"]), by="section")
    fig = textplot.matrix(sim)
    assert [t.get_text() for t in fig.axes[0].get_xticklabels()] == [str(s) for s in sim.columns]
    assert fig.axes[0].texts[0].get_text() == "1.00"


def test_trends_lines_over_dates_and_levels_for_one_date():
    many = pd.DataFrame({"date": pd.to_datetime(["2016-05-30", "2024-06-24", "2016-05-30", "2024-06-24"]),
                         "formulation": ["科技强国", "科技强国", "中国式现代化", "中国式现代化"],
                         "per_10k_chars": [4.0, 22.1, 0.0, 6.6]})
    fig = textplot.trends(many)
    assert len(fig.axes[0].lines) == 2
    wide = pd.concat([many.assign(formulation=many["formulation"] + str(k)) for k in range(5)])
    fig = textplot.trends(wide)  # ten lines: one small panel each
    assert sum(ax.get_visible() for ax in fig.axes) == 10
    assert all(len(ax.lines) == 1 for ax in fig.axes if ax.get_visible())
    one = many[many["date"] == pd.Timestamp("2024-06-24")]
    fig = textplot.trends(one, title="提法")
    assert "one date only (2024-06-24)" in fig._suptitle.get_text()
    assert [round(p.get_width(), 1) for p in fig.axes[0].patches] == [6.6, 22.1]


def test_style_panel(seed):
    table = textstat.style(seed, tokens.segment(seed.paragraphs), by="section")
    fig = textplot.style_panel(table, by="section")
    assert len(fig.axes) == 4 and all(len(ax.patches) == 7 for ax in fig.axes)
    _png(fig)
