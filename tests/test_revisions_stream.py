"""helpers.revisions on both storages (the storage fixture): the same tables on disk as in memory; on disk the
documents of the pairs read into memory a batch at a time, and text reuse on a sample, with the share searched
said."""

from __future__ import annotations

import pytest
from pandas.testing import assert_frame_equal

from helpers import corpus, findings, revisions
from helpers.revisions import reading


def test_pairs_are_chosen_from_the_documents_table(extended_store):
    got, expected = extended_store.against_memory(lambda s: revisions.choose(s.documents))
    assert len(expected) >= 5
    assert_frame_equal(got, expected)


def test_the_pair_shown_is_aligned_as_in_memory(extended_store):
    shown = revisions.pick(revisions.choose(extended_store.documents))
    got, expected = extended_store.against_memory(lambda s: revisions.align_pairs(s.corpus, shown))
    assert len(expected) > 50 and set(expected["status"]) > {"unchanged"}
    assert_frame_equal(got, expected)
    got, expected = extended_store.against_memory(lambda s: revisions.formulations(s.corpus, shown))
    assert_frame_equal(got, expected)


def test_a_series_equals_the_corpus_in_memory_on_every_storage(extended_store, monkeypatch):
    pairs = revisions.choose(extended_store.documents)
    monkeypatch.setattr(reading, "BATCH_CHARS", 45_000)
    batches = list(reading.batches(extended_store.corpus, pairs))
    assert sum(len(some) for _, some in batches) == len(pairs)  # every pair in one batch
    for part, some in batches:
        assert set(some["old"]) | set(some["new"]) <= set(part.documents["doc_id"])
        assert part.storage == "memory"
    for verb in (revisions.carryover, revisions.align_pairs, revisions.formulations):
        got, expected = extended_store.against_memory(lambda s, verb=verb: verb(s.corpus, pairs))
        assert len(expected)
        assert_frame_equal(got, expected)


def test_a_series_on_disk_is_read_in_batches(extended_disk, monkeypatch):
    """On disk only: the documents of the pairs are read into memory a batch at a time."""
    streamed = extended_disk.corpus
    pairs = revisions.choose(streamed.documents)
    monkeypatch.setattr(reading, "BATCH_CHARS", 45_000)  # two or three documents at a time
    batches = list(reading.batches(streamed, pairs))
    assert len(batches) >= 3
    assert [len(some) for _, some in batches] and sum(len(some) for _, some in batches) == len(pairs)
    for part, some in batches:
        assert set(some["old"]) | set(some["new"]) == set(part.documents["doc_id"])
        assert len(some) == 1 or part.documents["n_chars"].sum() <= 45_000


def test_reuse_runs_on_the_sample_of_every_storage(extended_store):
    whole = corpus.sample(extended_store.corpus)
    got, expected = extended_store.against_memory(lambda s: revisions.reuse(corpus.sample(s.corpus)))
    assert_frame_equal(got, expected)
    said = findings.reuse(got, min_chars=20, searched=whole.documents, documents=extended_store.documents)
    total = int(extended_store.memory.documents["n_chars"].sum())
    assert said[-1] == f"Searched on the whole corpus (8 documents, {total:,} characters)."


def test_reuse_on_disk_runs_on_a_sample_and_says_so(extended_disk):
    """On disk only: reuse needs the texts in memory, so it asks for a sample, and the findings name its share."""
    streamed = extended_disk.corpus
    with pytest.raises(TypeError, match=r"corpus\.sample"):
        revisions.reuse(streamed)
    total = int(streamed.documents["n_chars"].sum())
    part = corpus.sample(streamed, max_chars=50_000)
    said = findings.reuse(revisions.reuse(part), min_chars=20, searched=part.documents, documents=streamed.documents)
    chars = int(part.documents["n_chars"].sum())
    assert said[-1].startswith(f"Searched on {len(part.documents)} of 8 documents, each work once (later editions "
                               f"and duplicates left out), taken in turn from each year: {chars:,} of {total:,} "
                               "characters (")
    assert said[-1].endswith("Passages shared with a document outside the search are not counted.")
