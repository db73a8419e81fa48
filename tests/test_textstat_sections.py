"""helpers.textstat.sections: the sections table and section bounds."""

from __future__ import annotations

import math

import numpy as np
import pytest
from pandas.testing import assert_frame_equal

from helpers import corpus, textstat
from helpers.textstat.sections import MAX_LENGTH_ROWS
from helpers.tokens import dataset


def test_section_bounds_tile_each_document(seed):
    bounds = textstat.section_bounds(seed.paragraphs)
    assert bounds["start"].iloc[0] == 0 and math.isclose(bounds["end"].iloc[-1], 1)
    assert (bounds["start"].iloc[1:].to_numpy() == bounds["end"].iloc[:-1].to_numpy()).all()


def test_sections_table(seed):
    table = textstat.sections(seed.paragraphs)
    assert table["n_paragraphs"].tolist() == [9, 1, 3, 2, 4, 2, 5]
    assert table["n_chars"].sum() == seed.paragraphs["n_chars"].sum()
    assert table.set_index("section").loc["第二", "heading"] == "第二，扎实推动科技创新和产业创新深度融合，助力发展新质生产力。"


@pytest.fixture(scope="module")
def streamed(extended_dir, tmp_path_factory):
    """The extended corpus streamed, its tokens dataset in several chunks (found through SPEECHES_CACHE)."""
    cache = tmp_path_factory.mktemp("cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SPEECHES_CACHE", str(cache))
        stream = corpus.load(extended_dir, stream=True)
        assert dataset.build(stream, workers=1, chunk_bytes=60_000, progress=False).manifest["chunks"] > 2
        yield stream


def test_sections_and_bounds_of_a_stream_equal_the_corpus(streamed, extended):
    assert_frame_equal(textstat.sections(streamed.paragraphs), textstat.sections(extended.paragraphs))
    assert_frame_equal(textstat.section_bounds(streamed.paragraphs), textstat.section_bounds(extended.paragraphs))


def test_paragraph_sizes_of_a_stream_equal_the_corpus_without_text(streamed, extended):
    sizes = textstat.paragraph_sizes(streamed.paragraphs)
    assert "text" not in sizes
    assert_frame_equal(sizes, textstat.paragraph_sizes(extended.paragraphs))
    assert_frame_equal(textstat.paragraph_sizes(extended.paragraphs), extended.paragraphs.drop(columns="text"))


def test_sentence_lengths_hold_every_sentence(extended):
    lengths = textstat.sentence_lengths(extended)
    assert lengths["n_sentences"].sum() == len(extended.sentences)
    expanded = lengths["n_chars"].repeat(lengths["n_sentences"]).sort_values(ignore_index=True)
    assert (expanded.to_numpy() == np.sort(extended.sentences["n_chars"].to_numpy())).all()
    longest = lengths.loc[lengths["n_chars"].idxmax()]
    first = extended.sentences.loc[extended.sentences["n_chars"].idxmax()]
    assert (longest["doc_id"], longest["para_no"], longest["sent_no"]) == (first["doc_id"], first["para_no"],
                                                                           first["sent_no"])


def test_sentence_lengths_of_a_stream_equal_the_corpus(streamed, extended):
    assert_frame_equal(textstat.sentence_lengths(streamed), textstat.sentence_lengths(extended))


def _copies(corpus_, copies: int):
    """The paragraphs (without text) and documents of ``corpus_`` as ``copies`` × its documents, copy k dated k
    years later."""
    import pandas as pd

    sizes = textstat.paragraph_sizes(corpus_.paragraphs)
    docs = corpus_.documents
    paragraphs, documents = [], []
    for k in range(copies):
        paragraphs.append(sizes.assign(doc_id=f"c{k:03d}_" + sizes["doc_id"]))
        documents.append(docs.assign(doc_id=f"c{k:03d}_" + docs["doc_id"], year=docs["year"] + k,
                                     date=[d.replace(year=d.year + k) if d is not None else None
                                           for d in docs["date"]]))
    return pd.concat(paragraphs, ignore_index=True), pd.concat(documents, ignore_index=True)


def test_paragraph_length_view_keeps_the_paragraphs_of_a_few_documents(multi):
    sizes = textstat.paragraph_sizes(multi.paragraphs)
    assert textstat.paragraph_length_view(sizes, multi.documents) is sizes


def test_paragraph_length_view_of_many_documents_is_box_statistics_per_year(multi):
    paragraphs, documents = _copies(multi, 12)  # 72 documents: more than one box each can show
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


def test_undated_documents_form_the_last_box(multi):
    paragraphs, documents = _copies(multi, 12)
    undated = documents["doc_id"].iloc[:7]
    documents.loc[documents["doc_id"].isin(undated), ["year", "date"]] = [None, None]
    boxes = textstat.paragraph_length_boxes(paragraphs, textstat.document_years(documents))
    assert boxes["year"].iloc[-1] == "undated"
    assert boxes["n_documents"].iloc[-1] == 7
    assert boxes["n_paragraphs"].iloc[-1] == paragraphs["doc_id"].isin(undated).sum()
