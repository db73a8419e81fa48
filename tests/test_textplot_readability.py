"""Every figure kind readable at 1, 8, 20 and 80 documents: size, colliding labels, repeated colours.

Each figure is drawn as the notebooks draw it, on the bundled speech (1), the
extended development corpus (8) and subsets of the 84-document development
corpus (20 and 80 documents), and checked with
:func:`helpers.textplot.readability.problems`: no side of the saved PNG over
3,000 px, no two drawn text boxes overlapping, no colour shared by two categories.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from helpers import corpus, formulations, textplot, textstat, themes, tokens
from helpers.config import METADATA_FILE
from helpers.corpus import devcorpus
from helpers.textplot.base import new_figure
from helpers.textplot.readability import problems, text_boxes

STOPWORDS = ("general", "policy")


def subset(source: Path, dest: Path, n: int) -> Path:
    """A corpus folder of ``n`` documents of ``source`` spread evenly over its metadata rows."""
    with open(source / METADATA_FILE, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        columns, rows = reader.fieldnames, list(reader)
    step = len(rows) / n
    chosen = [rows[int(i * step)] for i in range(n)]
    dest.mkdir(parents=True)
    for row in chosen:
        shutil.copyfile(source / row["file"], dest / row["file"])
    with open(dest / METADATA_FILE, "w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=columns)
        writer.writeheader()
        writer.writerows(chosen)
    return dest


@pytest.fixture(scope="module")
def large_dir(extra_dir, tables, tmp_path_factory) -> Path:
    return devcorpus.large(tmp_path_factory.mktemp("large") / "corpus", extra=extra_dir, tables=tables)


@pytest.fixture(scope="module", params=[1, 8, 20, 80])
def sized(request, seed, extended, large_dir, tmp_path_factory):
    n = request.param
    if n == 1:
        loaded = seed
    elif n == 8:
        loaded = extended
    else:
        with pytest.warns():  # the development tables warn about filled metadata and mixed scripts
            loaded = corpus.load(subset(large_dir, tmp_path_factory.mktemp(f"n{n}") / "corpus", n))
    assert len(loaded.documents) == n
    words = textstat.annotate(tokens.segment(loaded.paragraphs, stopword_lists=STOPWORDS), loaded,
                              ["section", "year", "genre", "date"])
    return loaded, words


def draw_every_figure(loaded: corpus.Corpus, words) -> dict:
    """Every figure kind of notebooks 00–03, drawn as they draw it."""
    figures = {}
    paragraphs = loaded.paragraphs
    labels = textstat.document_labels(loaded.documents)
    focus = textstat.choose_contrast(loaded.documents).target[0]  # sections are read within one document
    figures["paragraph_lengths"] = textplot.paragraph_lengths(
        textstat.paragraph_length_view(textstat.paragraph_sizes(paragraphs), loaded.documents), labels=labels)
    figures["histogram"] = textplot.histogram(loaded.sentences["n_chars"], bins=20)
    frequencies = textstat.frequency(words)
    figures["bars"] = textplot.bars(frequencies, top_n=30)
    figures["wordcloud"] = textplot.wordcloud(frequencies, top_n=150)
    in_focus = words[words["doc_id"] == focus]
    by_section = textstat.frequency(in_focus, by="section")
    figures["bars_by_section"] = textplot.bars(by_section, by="section", top_n=10)
    heat = textstat.frequency(in_focus, by="section", terms=frequencies["term"].head(20))
    figures["heatmap_sections"] = textplot.heatmap(heat, index="term", columns="section", values="per_10k",
                                                   row_order=frequencies["term"],
                                                   column_order=paragraphs["section"].cat.categories)
    figures["collocations"] = textplot.bars(textstat.collocations(words, min_count=2), label="collocation",
                                            value="g2", top_n=20)
    key_terms = ["科技", "创新", "人才", "自立自强", "新质生产力", "科技强国", "中国式现代化", "安全"]
    drawn, bounds = textstat.dispersion_view(textstat.dispersion(paragraphs, key_terms), paragraphs, loaded.documents)
    figures["dispersion"] = textplot.dispersion(drawn, bounds, terms=key_terms, labels=labels)
    scores = themes.score(paragraphs)
    if len(loaded.documents) > 1:
        per_document = themes.by_document(scores)
        per_document["label"] = per_document["doc_id"].map(labels)
        figures["themes_heatmap"] = textplot.heatmap(per_document, index="theme", columns="label",
                                                     values="per_1k", fmt="{:.1f}", column_order=labels.tolist())
    else:
        sections = themes.by_section(scores)
        figures["themes_heatmap"] = textplot.heatmap(sections, index="theme", columns="label", values="per_1k",
                                                     fmt="{:.1f}", column_order=sections["label"].unique())
    figures["profile"] = textplot.profile(scores, labels=labels)
    totals = themes.drivers(paragraphs, by=None)
    figures["drivers"] = textplot.bars(totals, by="theme", top_n=8, ncols=4, highlight="dominant")
    figures["keywords"] = textplot.keywords(themes.keywords(in_focus, by=["doc_id", "section"], top_n=10))
    if len(loaded.documents) > 1:
        grouping = "doc_id" if len(loaded.documents) <= 12 else ["genre", "decade"]
        decades = words.assign(decade=(words["year"] // 10 * 10).astype("Int64").astype(str) + "s")
        figures["keywords_documents"] = textplot.keywords(
            themes.keywords(decades, by=grouping, top_n=10).sort_values(grouping, kind="stable"))
    graph = themes.network(themes.cooccurrence(words, top_n=40, min_count=2))
    figures["network"] = textplot.network(graph)
    top_words, weights = themes.topics(words, n_topics=5)
    figures["topic_words"] = textplot.bars(top_words, label="term", value="weight", by="label", top_n=10)
    figures["topic_paragraphs"] = textplot.paragraph_heatmap(weights, rows="label", value="share", labels=labels)
    keys = textstat.keyness_by(in_focus, "section", min_count=3)
    figures["section_keyness"] = textplot.bars(keys[keys["statistic"] > 0], label="term", value="statistic",
                                               by="group", top_n=8)
    contrast = textstat.choose_contrast(loaded.documents)
    figures["keyness"] = textplot.keyness(textstat.keyness_between(words, contrast), top_n=15)
    fightin = textstat.keyness_between(words, contrast, measure="log_odds_dirichlet")
    figures["fightin_words"] = textplot.fightin_words(fightin, top_n=12)
    figures["comparison_cloud"] = textplot.comparison_cloud(fightin, statistic="z")
    unit = textstat.comparison_unit(loaded)
    names = labels.to_dict() if unit == "doc_id" else {}
    figures["similarity"] = textplot.matrix(textstat.similarity(words, by=unit).rename(index=names, columns=names))
    tracked = formulations.track(loaded)
    figures["formulations"] = textplot.heatmap(tracked.assign(document=tracked["doc_id"].map(labels)),
                                               index="formulation", columns="document", values="count",
                                               row_order=formulations.table()["formulation"].unique(),
                                               column_order=labels.tolist(), cmap="Reds")
    found = textstat.formulation_trends(formulations.found(tracked), loaded.documents)
    figures["formulation_trends"] = textplot.trends(found, y="per_10k_chars", hue="formulation")
    trend_terms = ["科技", "创新", "人才", "改革", "开放", "安全", "产业", "企业"]
    figures["term_trends"] = textplot.trends(textstat.term_trends(words, loaded.documents, trend_terms))
    figures["style"] = textplot.style_panel(textstat.style(loaded, words, by=unit), by=unit, labels=names)
    return figures


@pytest.mark.slow  # segments up to 80 documents and draws every figure kind for each corpus size
def test_every_figure_is_readable(sized):
    loaded, words = sized
    found = {name: problems(figure) for name, figure in draw_every_figure(loaded, words).items()}
    bad = {name: p[:5] + ([f"… {len(p) - 5} more"] if len(p) > 5 else []) for name, p in found.items() if p}
    assert not bad, f"{len(loaded.documents)} documents: {bad}"


def test_problems_finds_overlap_size_and_shared_colours():
    fig = new_figure(4, 3)
    ax = fig.subplots()
    ax.text(0.5, 0.5, "改革开放", fontsize=12)
    ax.text(0.52, 0.5, "科技创新", fontsize=12)  # on top of the first
    ax.plot([0, 1], [0, 1], color="#4e79a7", label="甲")
    ax.plot([0, 1], [1, 0], color="#4e79a7", label="乙")
    found = problems(fig)
    assert "overlap: '改革开放' and '科技创新'" in found
    assert any("'甲' and '乙' share #4e79a7" in p for p in found)
    # 21 in × 150 dpi = 3150 px, plus the 0.1-inch pad of the tight box on each side
    assert problems(new_figure(21, 3)) == ["size 3180 × 480 px exceeds 3000 px"]


def test_text_boxes_count_drawn_texts_only():
    fig = new_figure(4, 3)
    ax = fig.subplots()
    ax.set_xlim(0, 1)
    ax.set_xticks([0, 0.5, 1], ["零", "半", "一"])
    hidden = ax.text(0.5, 0.5, "看不见")
    hidden.set_visible(False)
    ax.set_title("")
    texts = set(text_boxes(fig)["text"])
    assert {"零", "半", "一"} <= texts and "看不见" not in texts
