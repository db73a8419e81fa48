"""helpers.textplot.lengths: paragraph lengths (bars, boxes per document or year) and sentence lengths."""

from __future__ import annotations

import pandas as pd
from conftest import png_strict

from helpers import textplot, textstat
from helpers.textplot import readability


def test_paragraph_lengths_and_histogram(seed):
    fig = textplot.paragraph_lengths(seed.paragraphs)
    assert len(fig.axes[0].patches) == 26
    png_strict(fig)
    fig = textplot.histogram(seed.sentences["n_chars"], bins=10)
    assert sum(p.get_height() for p in fig.axes[0].patches) == len(seed.sentences)
    png_strict(fig)


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
