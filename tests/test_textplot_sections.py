"""helpers.textplot.sections: figures along the text render Chinese labels and draw their data."""

from __future__ import annotations

import numpy as np
import pandas as pd
from conftest import png_strict
from matplotlib.figure import Figure

from helpers import textplot, textstat


def _labels(fig: Figure) -> set[str]:
    return {t.get_text() for ax in fig.axes for t in ax.get_yticklabels() + ax.get_xticklabels()}


def test_dispersion_marks_every_hit_and_the_sections(seed):
    hits = textstat.dispersion(seed.paragraphs, ["人才", "自立自强"])
    fig = textplot.dispersion(hits, textstat.section_bounds(seed.paragraphs), terms=["人才", "自立自强"])
    ax = fig.axes[0]
    assert {"人才 (29)", "自立自强 (5)"} <= _labels(fig)
    drawn = sum(len(c.get_segments()) for c in ax.collections)
    assert drawn == 34
    assert {t.get_text() for t in ax.texts} >= {"opening", "第一", "第五", "closing"}
    png_strict(fig)


def test_dispersion_of_documents_pooled_by_year_shades_the_parts_of_the_text(multi):
    terms = ["人才", "自立自强", "科技"]
    hits = textstat.dispersion(multi.paragraphs, terms)
    copies = 8  # 48 documents over 8 × their years: pooled by year
    docs = pd.concat([multi.documents.assign(doc_id=f"c{k}_" + multi.documents["doc_id"],
                                             year=multi.documents["year"] + 10 * k) for k in range(copies)],
                     ignore_index=True)
    many = pd.concat([hits.assign(doc_id=f"c{k}_" + hits["doc_id"]) for k in range(copies)], ignore_index=True)
    drawn, bounds = textstat.dispersion_view(many, multi.paragraphs, docs)
    assert "bin" in drawn and drawn["hits"].sum() == len(many)
    fig = textplot.dispersion(drawn, bounds, terms=terms, title="关键词分布 Dispersion of key terms")
    for ax, term in zip(fig.axes, terms, strict=False):
        part = drawn[drawn["term"] == term]
        assert ax.get_title() == f"{term}（{part['hits'].sum()}）"
        mesh = ax.collections[0].get_array()
        assert mesh.count() == len(part)  # one shaded cell per part of the text holding a hit
        per_row = part.groupby("doc_id", sort=False)["hits"].sum()
        written = {t.get_text() for t in ax.texts}
        assert {str(n) for n in per_row} <= written
    from helpers.textplot import readability

    assert readability.problems(fig) == []
    png_strict(fig)


def test_paragraph_lengths_and_histogram(seed):
    fig = textplot.paragraph_lengths(seed.paragraphs)
    assert len(fig.axes[0].patches) == 26
    png_strict(fig)
    fig = textplot.histogram(seed.sentences["n_chars"], bins=10)
    assert sum(p.get_height() for p in fig.axes[0].patches) == len(seed.sentences)
    png_strict(fig)


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
    assert [t.get_text() for t in fig.axes[0].texts] == ["opening", "第一", "第二", "第三", "第四", "第五", "closing"]
    assert [t.get_text() for t in fig.axes[-1].get_xticklabels()] == [str(n) for n in range(1, 27)]
    assert fig.axes[0].get_ylim() == fig.axes[-1].get_ylim()  # one scale for every strip
    png_strict(fig)


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
    assert [t.get_text() for t in ax.texts] == ["a", "b"]  # several documents: named
    boundaries = [line.get_xdata()[0] for line in ax.lines if line.get_color() == "#222222"]
    assert boundaries == [1.5]
    png_strict(fig)


def test_paragraph_heatmap_beyond_eight_documents_has_a_column_per_document_in_label_order():
    docs = [f"d{k}" for k in range(9)]
    table = pd.DataFrame({"doc_id": [d for d in docs for _ in range(4)], "para_no": [1, 1, 2, 2] * 9,
                          "topic": ["T1 科技", "T2 人才"] * 18, "share": [1.0, 0.0, 0.5, 0.5] * 9})
    labels = pd.Series({d: f"{2000 + 9 - k} 讲话" for k, d in enumerate(docs)}).iloc[::-1]  # latest document last
    fig = textplot.paragraph_heatmap(table, rows="topic", value="share", labels=labels)
    ax = fig.axes[0]
    assert np.allclose(ax.images[0].get_array(), np.array([[0.75] * 9, [0.25] * 9]))
    assert [t.get_text() for t in ax.get_yticklabels()] == ["T1 科技", "T2 人才"]
    assert ax.get_xticklabels()[0].get_text() == "2001 讲话"  # d8, the first label in time order


def test_sentence_length_histogram_from_counts_draws_the_bars_of_every_sentence(extended):
    every = textplot.histogram(extended.sentences["n_chars"], bins=20)
    counted = textplot.sentence_lengths(textstat.sentence_lengths(extended), bins=20)
    heights = [[(round(p.get_x(), 9), p.get_height()) for p in fig.axes[0].patches] for fig in (every, counted)]
    assert heights[0] == heights[1]
    assert sum(h for _, h in heights[1]) == len(extended.sentences)
    png_strict(counted)


def _many(extended, copies: int) -> tuple[pd.DataFrame, pd.Series]:
    """The extended corpus' paragraphs (without text) as ``copies`` × its documents, each copy a year later."""
    sizes = textstat.paragraph_sizes(extended.paragraphs)
    years = textstat.document_years(extended.documents)
    parts, year_of = [], {}
    for k in range(copies):
        parts.append(sizes.assign(doc_id=f"c{k:03d}_" + sizes["doc_id"]))
        year_of.update({f"c{k:03d}_{d}": y + k for d, y in years.items()})
    return pd.concat(parts, ignore_index=True), pd.Series(year_of)


def test_paragraph_lengths_of_many_documents_aggregate_by_year(extended):
    from helpers.textplot import readability

    paragraphs, years = _many(extended, 10)  # 80 documents over 17 years
    fig = textplot.paragraph_lengths(paragraphs, years=years, title="段落长度 Paragraph lengths")
    ax = fig.axes[0]
    expected = sorted({str(y) for y in years})
    assert [t.get_text() for t in ax.get_yticklabels()] == expected
    per_year = paragraphs.assign(year=paragraphs["doc_id"].map(years).astype(str)).groupby("year")
    notes = [t.get_text() for t in ax.texts][:len(expected)]
    assert notes == [f"{part['doc_id'].nunique()} · {len(part)}" for _, part in per_year]
    assert readability.problems(fig) == []
    png_strict(fig)
    # the box table of the view draws the same figure
    boxes = textstat.paragraph_length_boxes(paragraphs, years)
    again = textplot.paragraph_lengths(boxes, title="段落长度 Paragraph lengths")
    fresh = textplot.paragraph_lengths(paragraphs, years=years, title="段落长度 Paragraph lengths")
    assert png_strict(again) == png_strict(fresh)
    capped = textplot.paragraph_lengths(paragraphs)  # no years: the first documents, the rest counted
    assert len(capped.axes[0].get_yticklabels()) == 60
    assert "20 more documents in the table" in capped._suptitle.get_text()
