"""helpers.textstat.sections: the sections table, section bounds, paragraph sizes and sentence lengths, in memory
and on a tokens dataset on disk."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from conftest import SPEECH
from pandas.testing import assert_frame_equal

from helpers import textstat
from helpers.textstat.sections import MAX_LENGTH_ROWS


def test_section_bounds_tile_each_document(store):
    bounds = textstat.section_bounds(store.select(SPEECH).paragraphs)
    assert bounds["start"].iloc[0] == 0 and math.isclose(bounds["end"].iloc[-1], 1)
    assert (bounds["start"].iloc[1:].to_numpy() == bounds["end"].iloc[:-1].to_numpy()).all()


def test_sections_table(store):
    speech = store.select(SPEECH)
    table = textstat.sections(speech.paragraphs)
    assert table["n_paragraphs"].tolist() == [9, 1, 3, 2, 4, 2, 5]
    assert table["n_chars"].sum() == speech.memory.paragraphs["n_chars"].sum()
    assert table.set_index("section").loc["第二", "heading"] == "第二，扎实推动科技创新和产业创新深度融合，助力发展新质生产力。"


def test_sections_bounds_and_labels_equal_the_in_memory_reference(every_store):
    reference = every_store.memory
    assert_frame_equal(textstat.sections(every_store.paragraphs), textstat.sections(reference.paragraphs))
    assert_frame_equal(textstat.section_bounds(every_store.paragraphs),
                       textstat.section_bounds(reference.paragraphs))
    assert textstat.section_labels(every_store.corpus) == textstat.section_labels(reference.corpus)
    # the tokens, once they have the section column (a dataset has it always)
    assert textstat.section_labels(every_store.annotate(["section"])) == textstat.section_labels(reference.corpus)


def test_paragraph_sizes_are_the_paragraphs_without_text(extended_store):
    sizes = textstat.paragraph_sizes(extended_store.paragraphs)
    assert "text" not in sizes
    reference = extended_store.memory.paragraphs
    assert_frame_equal(sizes, textstat.paragraph_sizes(reference))
    without = reference.drop(columns="text")
    # the same rows and values, in compact types: categoricals and int32 counts
    assert_frame_equal(sizes.astype(without.dtypes.to_dict()), without)
    assert sizes["section"].dtype == without["section"].dtype
    assert sizes["doc_id"].dtype == without["doc_id"].dtype
    assert {str(sizes[c].dtype) for c in ["heading_1", "heading_2"]} == {"category"}
    assert {str(sizes[c].dtype) for c in ["para_no", "heading_level", "n_chars", "line_start", "line_end"]} == {"int32"}
    assert sizes.memory_usage(deep=True).sum() < 0.5 * without.memory_usage(deep=True).sum()


def test_sentence_lengths_hold_every_sentence(extended_store):
    lengths = textstat.sentence_lengths(extended_store.corpus)
    sentences = extended_store.memory.corpus.sentences
    assert lengths["n_sentences"].sum() == len(sentences)
    expanded = lengths["n_chars"].repeat(lengths["n_sentences"]).sort_values(ignore_index=True)
    assert (expanded.to_numpy() == np.sort(sentences["n_chars"].to_numpy())).all()
    longest = lengths.loc[lengths["n_chars"].idxmax()]
    first = sentences.loc[sentences["n_chars"].idxmax()]
    assert (longest["doc_id"], longest["para_no"], longest["sent_no"]) == (first["doc_id"], first["para_no"],
                                                                           first["sent_no"])
    assert_frame_equal(lengths, textstat.sentence_lengths(extended_store.memory.corpus))


def _copies(store, copies: int):
    """The paragraphs (without text) and documents of ``store`` as ``copies`` × its documents, copy k dated k
    years later."""
    sizes = textstat.paragraph_sizes(store.paragraphs)
    docs = store.documents
    paragraphs, documents = [], []
    for k in range(copies):
        paragraphs.append(sizes.assign(doc_id=f"c{k:03d}_" + sizes["doc_id"]))
        documents.append(docs.assign(doc_id=f"c{k:03d}_" + docs["doc_id"], year=docs["year"] + k,
                                     date=[d.replace(year=d.year + k) if d is not None else None
                                           for d in docs["date"]]))
    return pd.concat(paragraphs, ignore_index=True), pd.concat(documents, ignore_index=True)


def test_paragraph_length_view_keeps_the_paragraphs_of_a_few_documents(store):
    sizes = textstat.paragraph_sizes(store.paragraphs)
    assert textstat.paragraph_length_view(sizes, store.documents) is sizes


def test_paragraph_length_view_of_many_documents_is_box_statistics_per_year(store):
    paragraphs, documents = _copies(store, 12)  # 72 documents: more than one box each can show
    assert paragraphs["doc_id"].nunique() > MAX_LENGTH_ROWS
    boxes = textstat.paragraph_length_view(paragraphs, documents)
    years = textstat.document_years(documents)
    year = paragraphs["doc_id"].map(years)
    assert boxes["year"].tolist() == [str(y) for y in sorted(year.unique())]
    assert boxes["n_paragraphs"].sum() == len(paragraphs)
    assert boxes["n_documents"].sum() == documents["doc_id"].nunique()
    for row in boxes.itertuples():
        lengths = paragraphs.loc[year == int(row.year), "n_chars"].to_numpy()
        q1, med, q3 = np.percentile(lengths, [25, 50, 75])
        assert (row.q1, row.med, row.q3) == (q1, med, q3)
        assert (row.min, row.max) == (lengths.min(), lengths.max())
        assert row.min <= row.whislo <= row.q1 and row.q3 <= row.whishi <= row.max
        # whiskers: the most extreme lengths within 1.5 IQR of the box
        assert row.whishi == lengths[lengths <= q3 + 1.5 * (q3 - q1)].max()
    assert len(boxes) < 20  # a few rows, whatever the number of paragraphs


def test_undated_documents_form_the_last_box(store):
    paragraphs, documents = _copies(store, 12)
    undated = documents["doc_id"].iloc[:7]
    documents.loc[documents["doc_id"].isin(undated), ["year", "date"]] = [None, None]
    boxes = textstat.paragraph_length_boxes(paragraphs, textstat.document_years(documents))
    assert boxes["year"].iloc[-1] == "undated"
    assert boxes["n_documents"].iloc[-1] == 7
    assert boxes["n_paragraphs"].iloc[-1] == paragraphs["doc_id"].isin(undated).sum()
