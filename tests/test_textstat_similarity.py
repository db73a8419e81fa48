"""helpers.textstat.similarity: cosine similarity of TF-IDF vectors, in memory and on a tokens dataset on disk."""

from __future__ import annotations

import math

import pytest
from conftest import LISTS, SPEECH, reports_with_a_copy
from pandas.testing import assert_frame_equal

from helpers import corpus, textstat, tokens


def test_similarity_matrix(store):
    sim = textstat.similarity(store.select(SPEECH).annotate(["section"]), by="section")
    assert list(sim.index) == list(sim.columns) and len(sim) == 7
    assert all(math.isclose(sim.loc[s, s], 1) for s in sim.index)
    assert ((sim.to_numpy() > 0) & (sim.to_numpy() <= 1.0000001)).all()


@pytest.mark.parametrize("by", ["doc_id", "year", "genre", "section"])
def test_similarity_equals_the_in_memory_reference(extended_store, by):
    got, expected = extended_store.with_stopwords(LISTS).against_memory(
        lambda s: textstat.similarity(s.annotate([] if by == "doc_id" else [by]), by=by))
    # the same counts and TF-IDF; scikit-learn sums each row's entries in the order the words first occur, the
    # dataset's in term order: equal to the last bits of a double
    assert_frame_equal(got, expected, check_exact=False, rtol=1e-12, atol=1e-12, check_index_type=False,
                       check_column_type=False, check_names=False, check_categorical=False)


@pytest.mark.parametrize("by", ["year", "genre"])
def test_similarity_of_pooled_documents_counts_each_work_once(store, by):
    """Pooled by year or genre, a later edition is left out: the same matrix as without the editions (the 2021
    report, an edition of the 2019 one, makes no year of its own; the speech's edition adds nothing to 2024)."""
    works = corpus.first_editions(store.memory.documents)["doc_id"].tolist()
    got = textstat.similarity(store.annotate([by]), by=by, corpus=store.corpus)
    expected = textstat.similarity(store.select(works).annotate([by]), by=by)
    if by == "year":
        assert list(got.index) == [2019, 2022, 2024]
    assert_frame_equal(got, expected, check_exact=False, rtol=1e-12, atol=1e-12, check_index_type=False,
                       check_column_type=False, check_names=False, check_categorical=False)
    # document by document, every document is its own row, editions included
    assert len(textstat.similarity(store.tokens, by="doc_id", corpus=store.corpus)) == len(store.documents)


def test_development_reports_by_year_are_unchanged_by_an_edition(tables, tmp_path):
    """The 61 development work reports plus a copy of the 2018 report (one phrase dropped, flagged as its
    edition): similarity and style by year equal those of the reports alone."""
    loaded = reports_with_a_copy(tables, tmp_path / "reports", "2018")
    later = loaded.documents["edition_of"].fillna("") != ""
    assert later.sum() == 1 and textstat.document_years(loaded.documents[later]).item() == 2018
    words = textstat.annotate(tokens.segment(loaded.paragraphs, progress=False), loaded, ["year"])
    works = corpus.first_editions(loaded.documents)["doc_id"].tolist()
    alone = loaded.select(works)
    alone_words = words[words["doc_id"].isin(works)]
    assert_frame_equal(textstat.similarity(words, by="year", corpus=loaded),
                       textstat.similarity(alone_words, by="year"))
    assert_frame_equal(textstat.style(loaded, words, by="year"), textstat.style(alone, alone_words, by="year"))
