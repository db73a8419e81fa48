"""helpers.textplot.dispersion: ticks where terms occur, sections named, documents pooled by year shaded."""

from __future__ import annotations

import pandas as pd
from conftest import png_strict
from matplotlib.figure import Figure

from helpers import textplot, textstat
from helpers.textplot import readability


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
    assert readability.problems(fig) == []
    png_strict(fig)


def test_a_term_that_never_occurs_in_documents_pooled_by_year_gets_an_empty_panel(multi):
    """On the 76 table documents 新质生产力 never occurs: its panel of shaded parts was an IndexError."""
    terms = ["人才", "从未出现的词"]
    hits = textstat.dispersion(multi.paragraphs, terms)
    assert set(hits["term"]) == {"人才"}
    docs = pd.concat([multi.documents.assign(doc_id=f"c{k}_" + multi.documents["doc_id"],
                                             year=multi.documents["year"] + 10 * k) for k in range(8)],
                     ignore_index=True)
    many = pd.concat([hits.assign(doc_id=f"c{k}_" + hits["doc_id"]) for k in range(8)], ignore_index=True)
    drawn, bounds = textstat.dispersion_view(many, multi.paragraphs, docs)
    fig = textplot.dispersion(drawn, bounds, terms=terms)
    assert [ax.get_title() for ax in fig.axes[:2]] == [f"人才（{len(many)}）", "从未出现的词（0）"]
    assert fig.axes[1].collections[0].get_array().count() == 0  # nothing shaded
    png_strict(fig)
