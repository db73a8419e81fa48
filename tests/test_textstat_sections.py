"""helpers.textstat.sections: the sections table and section bounds."""

from __future__ import annotations

import math

import numpy as np
import pytest
from pandas.testing import assert_frame_equal

from helpers import corpus, textstat
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
