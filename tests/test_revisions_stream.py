"""helpers.revisions on a streamed corpus: the documents of the pairs read into memory a batch at a time,
the same tables as in memory; text reuse on a sample, with the share searched said."""

from __future__ import annotations

import pytest
from pandas.testing import assert_frame_equal

from helpers import corpus, findings, revisions
from helpers.revisions import reading
from helpers.tokens import dataset


@pytest.fixture(scope="module")
def streamed(extended_dir, tmp_path_factory):
    """The extended corpus streamed, its tokens dataset in several chunks (found through SPEECHES_CACHE)."""
    cache = tmp_path_factory.mktemp("cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SPEECHES_CACHE", str(cache))
        stream = corpus.load(extended_dir, stream=True)
        assert dataset.build(stream, workers=1, chunk_bytes=60_000, progress=False).manifest["chunks"] > 2
        yield stream


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


def test_a_series_is_read_in_batches_and_equals_the_corpus(streamed, extended, monkeypatch):
    pairs = revisions.choose(extended.documents)
    monkeypatch.setattr(reading, "BATCH_CHARS", 45_000)  # two or three documents at a time
    batches = list(reading.batches(streamed, pairs))
    assert len(batches) >= 3
    assert [len(some) for _, some in batches] and sum(len(some) for _, some in batches) == len(pairs)
    for part, some in batches:
        assert set(some["old"]) | set(some["new"]) == set(part.documents["doc_id"])
        assert len(some) == 1 or part.documents["n_chars"].sum() <= 45_000
    assert_frame_equal(revisions.carryover(streamed, pairs), revisions.carryover(extended, pairs))
    assert_frame_equal(revisions.align_pairs(streamed, pairs), revisions.align_pairs(extended, pairs))
    assert_frame_equal(revisions.formulations(streamed, pairs), revisions.formulations(extended, pairs))


def test_reuse_runs_on_a_sample_and_says_so(streamed, extended):
    with pytest.raises(TypeError, match=r"corpus\.sample"):
        revisions.reuse(streamed)
    whole = corpus.sample(streamed)
    passages = revisions.reuse(whole)
    assert_frame_equal(passages, revisions.reuse(extended))
    said = findings.reuse(passages, min_chars=20, searched=whole.documents, documents=streamed.documents)
    total = int(extended.documents["n_chars"].sum())
    assert said[-1] == f"Searched on the whole corpus (8 documents, {total:,} characters)."
    part = corpus.sample(streamed, max_chars=50_000)
    said = findings.reuse(revisions.reuse(part), min_chars=20, searched=part.documents, documents=streamed.documents)
    chars = int(part.documents["n_chars"].sum())
    assert said[-1].startswith(f"Searched on {len(part.documents)} of 8 documents, each work once (later editions "
                               f"and duplicates left out), taken in turn from each year: {chars:,} of {total:,} "
                               "characters (")
    assert said[-1].endswith("Passages shared with a document outside the search are not counted.")
