"""A sample of a streamed corpus: documents spread over the years within a character budget."""

from __future__ import annotations

import pytest
from pandas.testing import assert_frame_equal

from helpers import corpus
from helpers.errors import ParameterError


def test_spread_takes_one_document_of_every_year_before_a_second(extended):
    docs = extended.documents
    budget = int(docs.groupby("year")["n_chars"].max().sum())  # room for one document of each year at least
    chosen = corpus.spread(docs, max_chars=budget)
    assert set(chosen["year"]) == set(docs["year"])
    assert chosen["n_chars"].sum() <= budget
    assert chosen["doc_id"].tolist() == [d for d in docs["doc_id"] if d in set(chosen["doc_id"])]  # corpus order
    assert corpus.spread(docs, max_chars=budget)["doc_id"].tolist() == chosen["doc_id"].tolist()  # deterministic
    assert corpus.spread(docs, max_chars=10**12)["doc_id"].tolist() == docs["doc_id"].tolist()
    assert len(corpus.spread(docs, max_chars=1)) == 1  # a document longer than the budget: still one to analyse
    with pytest.raises(ParameterError, match="max_chars"):
        corpus.spread(docs, max_chars=0)


def test_the_sample_is_a_corpus_in_memory_on_every_storage(extended_store):
    got, expected = extended_store.against_memory(lambda s: corpus.sample(s.corpus))
    assert isinstance(got, corpus.Corpus) and got.storage == "memory"
    assert expected is extended_store.memory.corpus  # a corpus in memory without editions: itself
    assert_frame_equal(got.documents, expected.documents, check_dtype=False, check_categorical=False)
    assert_frame_equal(got.paragraphs, expected.paragraphs, check_dtype=False, check_categorical=False)


def test_a_corpus_larger_than_the_budget_is_sampled_on_every_storage(extended_store):
    """Decided by size, not storage: half the characters gives the same spread documents in memory and on disk."""
    budget = int(extended_store.documents["n_chars"].sum() // 2)
    got, expected = extended_store.against_memory(lambda s: corpus.sample(s.corpus, max_chars=budget))
    chosen = corpus.spread(extended_store.documents, max_chars=budget)["doc_id"].tolist()
    for picked in (got, expected):
        assert isinstance(picked, corpus.Corpus) and picked.storage == "memory"
        assert picked.documents["doc_id"].tolist() == chosen and 1 < len(chosen) < len(extended_store.documents)
        assert picked.documents["n_chars"].sum() <= budget
    assert_frame_equal(got.paragraphs, expected.paragraphs, check_dtype=False, check_categorical=False)


def test_the_sample_counts_each_work_once(store):
    docs = store.documents
    assert (docs["edition_of"] != "").sum() >= 3
    chosen = corpus.spread(docs, max_chars=10**12)
    assert chosen["doc_id"].tolist() == corpus.first_editions(docs)["doc_id"].tolist()
