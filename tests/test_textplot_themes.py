"""helpers.textplot.themes: keyword and network figures render Chinese labels and draw their data."""

from __future__ import annotations

import matplotlib as mpl
import pytest
from conftest import png_strict

from helpers import textplot, textstat, themes, tokens


@pytest.fixture(scope="module")
def theme_words(seed):
    return textstat.annotate(tokens.segment(seed.paragraphs, stopword_lists=("general", "policy")), seed, ["section"])


def test_keywords_figure_puts_both_methods_side_by_side(theme_words):
    table = themes.keywords(theme_words, by=["doc_id", "section"], top_n=5)
    fig = textplot.keywords(table, title="关键词")
    panels = [ax for ax in fig.axes if ax.get_visible()]
    assert [ax.get_title() for ax in panels] == ["opening", "第一", "第二", "第三", "第四", "第五", "closing"]
    fourth = panels[4]
    part = table[table["section"] == "第四"]
    texts = {t.get_text() for t in fourth.texts}
    assert set(part["tfidf_term"]) | set(part["textrank_term"]) <= texts
    assert len(fourth.lines) == len(set(part["tfidf_term"]) & set(part["textrank_term"]))
    png_strict(fig)


def test_network_labels_every_node_without_overlaps_and_is_deterministic(theme_words):
    import networkx as nx

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
    assert png_strict(fig) == png_strict(textplot.network(graph, random_state=42, title="共现网络"))
    png_strict(textplot.network(nx.Graph()))


def test_network_layout_does_not_depend_on_the_hash_seed():
    import os
    import subprocess
    import sys

    from helpers import config

    script = (
        "import hashlib, io; from helpers import corpus, textplot, themes, tokens\n"
        "w = tokens.segment(corpus.load().paragraphs, stopword_lists=('general', 'policy'))\n"
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


def test_network_draws_chinese_with_the_workspace_font_whatever_the_global_settings(theme_words):
    graph = themes.network(themes.cooccurrence(theme_words, top_n=25, min_count=2))
    reference = png_strict(textplot.network(graph))
    with mpl.rc_context({"font.family": "serif", "font.serif": ["DejaVu Serif"]}):
        assert png_strict(textplot.network(graph)) == reference  # labels made and measured with the CJK font
