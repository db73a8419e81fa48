"""helpers.textplot.base: every kind of figure draws with the CJK font and leaves matplotlib's rcParams as they were."""

from __future__ import annotations

import copy
import io
import warnings

import matplotlib as mpl
import pandas as pd
import pytest
from matplotlib.figure import Figure

from helpers import config, dictionary, fonts, outputs, revisions, textplot, textstat, themes


def _keys(words):
    inside = words["section"] == "第四"
    return textstat.keyness(textstat.counts(words[inside]), textstat.counts(words[~inside]), min_count=2,
                            measure="log_odds_dirichlet")


KINDS = {
    "bars": lambda seed, words: textplot.bars(textstat.frequency(words), top_n=8, title="高频词"),
    "wordcloud": lambda seed, words: textplot.wordcloud(textstat.frequency(words), top_n=40),
    "histogram": lambda seed, words: textplot.histogram(seed.sentences["n_chars"], bins=10, xlabel="句长"),
    "heatmap": lambda seed, words: textplot.heatmap(
        textstat.frequency(words, by="section", terms=["科技", "人才", "创新"]),
        index="term", columns="section", values="count"),
    "dispersion": lambda seed, words: textplot.dispersion(
        textstat.dispersion(seed.paragraphs, ["人才", "自立自强"]), textstat.section_bounds(seed.paragraphs)),
    "paragraph_lengths": lambda seed, words: textplot.paragraph_lengths(seed.paragraphs),
    "sentence_lengths": lambda seed, words: textplot.sentence_lengths(textstat.sentence_lengths(seed), bins=10),
    "profile": lambda seed, words: textplot.profile(themes.score(seed.paragraphs), title="主题"),
    "paragraph_heatmap": lambda seed, words: textplot.paragraph_heatmap(themes.score(seed.paragraphs),
                                                                        rows="theme", value="per_1k"),
    "keywords": lambda seed, words: textplot.keywords(themes.keywords(words, by=["doc_id", "section"], top_n=4)),
    "network": lambda seed, words: textplot.network(themes.network(themes.cooccurrence(words, top_n=25, min_count=2))),
    "keyness": lambda seed, words: textplot.keyness(_keys(words), top_n=5, target_label="第四"),
    "fightin_words": lambda seed, words: textplot.fightin_words(_keys(words), top_n=5),
    "comparison_cloud": lambda seed, words: textplot.comparison_cloud(_keys(words), statistic="z", top_n=20),
    "matrix": lambda seed, words: textplot.matrix(textstat.similarity(words, by="section")),
    "trends": lambda seed, words: textplot.trends(pd.DataFrame({
        "genre": "speech", "year": [2016, 2024] * 2, "formulation": ["科技强国"] * 2 + ["新质生产力"] * 2,
        "per_10k_chars": [4.0, 22.1, 0.0, 6.6]}), y="per_10k_chars", hue="formulation"),
    "style_panel": lambda seed, words: textplot.style_panel(textstat.style(seed, words, by="section"), by="section"),
    "revision_status": lambda seed, words: textplot.revision_status(revisions.counts(revisions.align(
        seed, seed.documents["doc_id"].iloc[0], seed.documents["doc_id"].iloc[0]))),
    "revision_continuity": lambda seed, words: textplot.revision_continuity(pd.DataFrame({
        "old": ["a", "b"], "new": ["b", "c"], "genre": ["report"] * 2,
        "old_date": pd.to_datetime(["2018-03-05", "2019-03-05"]), "new_date": pd.to_datetime(["2019-03-05", "2021-03-05"]),
        "gap_years": [1, 2], "new_year": [2019, 2021], "unchanged": [0.1, 0.2], "changed": [0.2, 0.1],
        "moved": [0.1, 0.1], "added": [0.6, 0.6], "carried": [0.4, 0.4], "dropped": [0.5, 0.4]})),
    "positions": lambda seed, words: textplot.positions(pd.DataFrame({
        "doc_id": ["一", "二", "三"], "theta": [-1.0, 0.2, 0.8], "lower": [-1.2, 0.0, 0.6], "upper": [-0.8, 0.4, 1.0]}),
        title="文档位置 Wordfish", xlabel="位置 θ"),
    "reuse_heatmap": lambda seed, words: textplot.reuse_heatmap(
        revisions.matrix(revisions.reuse(seed), seed.documents), seed.documents),
    "category_rates": lambda seed, words: textplot.category_rates(
        textstat.lookup(words, dictionary.read(config.lexicon("themes.csv"))), title="词典类别"),
    "entities_over_years": lambda seed, words: textplot.entities_over_years(
        textstat.entity_counts(textstat.entities(words, seed), seed), title="实体"),
    # one speech supports neither a topic model nor embeddings: the figures that say so, in Chinese
    "prevalence": lambda seed, words: textplot.prevalence(None, note="至少需要 10 篇文档 at least 10 documents"),
    "topic_words": lambda seed, words: textplot.topic_words(None, note="至少需要 10 篇文档"),
    "period_neighbours": lambda seed, words: textplot.period_neighbours(None, "安全", note="语料太小 too small"),
    "axis_positions": lambda seed, words: textplot.axis_positions(None, pole_a=["发展"], pole_b=["安全"],
                                                                 note="语料太小 too small"),
}


def test_every_public_figure_kind_is_checked():
    assert set(KINDS) == set(textplot.__all__) - {"section_colors", "distinct_colors"}


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_drawing_and_saving_a_figure_leaves_rcparams_unchanged(kind, seed, words):
    before = copy.deepcopy(dict(mpl.rcParams))
    fig = KINDS[kind](seed, words)
    assert isinstance(fig, Figure)
    assert dict(mpl.rcParams) == before
    assert fonts.FAMILY not in mpl.rcParams["font.sans-serif"]  # saved below outside the figure's context
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a missing glyph (a box) would warn
        png = outputs.png_bytes(fig)
    assert png.startswith(b"\x89PNG")
    assert dict(mpl.rcParams) == before


def test_a_saved_figure_draws_chinese_with_the_workspace_font_whatever_the_global_settings():
    table = pd.DataFrame({"term": ["科技", "人才"], "count": [3, 2]})
    other = pd.DataFrame({"term": ["人才", "科技"], "count": [3, 2]})

    def png(t: pd.DataFrame) -> bytes:
        buffer = io.BytesIO()
        textplot.bars(t).savefig(buffer, format="png", metadata={"Software": None})
        return buffer.getvalue()

    reference = png(table)
    with mpl.rc_context({"font.family": "serif", "font.serif": ["DejaVu Serif"], "axes.unicode_minus": True}):
        assert png(table) == reference  # the figure brings its own font settings
    assert png(other) != reference  # different characters, different pixels (boxes would look alike)


def test_section_colors_are_stable_and_follow_the_order_given():
    colors = textplot.section_colors(["第一", "第二", "第一", "closing"])
    assert list(colors) == ["第一", "第二", "closing"]
    assert len(set(colors.values())) == 3
    assert textplot.section_colors(["第一", "第二"]) == {k: colors[k] for k in ("第一", "第二")}
