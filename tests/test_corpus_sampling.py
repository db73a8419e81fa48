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


def test_the_sample_of_a_stream_is_read_into_memory(extended, extended_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("SPEECHES_CACHE", str(tmp_path))
    stream = corpus.load(extended_dir, stream=True)
    budget = int(extended.documents["n_chars"].sum() // 2)
    picked = corpus.sample(stream, max_chars=budget)
    assert isinstance(picked, corpus.Corpus)
    expected = corpus.spread(stream.documents, max_chars=budget)["doc_id"].tolist()
    assert picked.documents["doc_id"].tolist() == expected and 1 < len(expected) < len(extended.documents)
    assert picked.documents["n_chars"].sum() <= budget


def test_the_sample_counts_each_work_once(store):
    docs = store.documents
    assert (docs["edition_of"] != "").sum() >= 3
    chosen = corpus.spread(docs, max_chars=10**12)
    assert chosen["doc_id"].tolist() == corpus.first_editions(docs)["doc_id"].tolist()
