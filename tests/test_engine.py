"""helpers.engine: ``wrap`` answers once where a table lives; ``FrameSource`` (DataFrames in memory) and
``DiskSource`` (a tokens dataset on disk, in several chunks) give the same tables on the same corpus.

The verbs above the engine are tested on both storages in their own files (tests/test_textstat_*.py, through the
``store`` fixtures of conftest)."""

from __future__ import annotations

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from helpers import engine
from helpers.engine import fold
from helpers.engine.disk import DiskSource
from helpers.engine.frames import FrameSource


def test_wrap_takes_each_storage_once(multi_memory, multi_disk):
    words, loaded = multi_memory.tokens, multi_memory.corpus
    tokens_only = engine.wrap(words)
    assert isinstance(tokens_only, FrameSource) and list(tokens_only.tables) == ["tokens"]
    assert tokens_only.documents.empty and tokens_only.table("tokens") is words
    paragraphs = engine.wrap(loaded.paragraphs)
    assert isinstance(paragraphs, FrameSource) and list(paragraphs.tables) == ["paragraphs"]
    whole = engine.wrap(loaded)
    assert isinstance(whole, FrameSource) and {"paragraphs", "sentences"} <= set(whole.tables)
    assert whole.documents is loaded.documents
    joined = engine.wrap(words, corpus=loaded)  # the tokens with the other tables of their corpus
    assert isinstance(joined, FrameSource) and joined.table("tokens") is words
    assert joined.table("paragraphs") is loaded.paragraphs and joined.documents is loaded.documents
    store = multi_disk.tokens.store  # the corpus store the dataset was segmented from
    for on_disk in (multi_disk.corpus, multi_disk.paragraphs):  # a corpus on disk and its paragraphs: its store
        source = engine.wrap(on_disk)
        assert isinstance(source, DiskSource) and source.data.path == store.path
    source = engine.wrap(multi_disk.tokens)  # the tokens dataset
    assert isinstance(source, DiskSource) and source.data.path == multi_disk.tokens.path
    assert engine.wrap(whole) is whole  # a source already
    assert isinstance(engine.wrap(words), FrameSource) and isinstance(engine.wrap(loaded), FrameSource)
    assert engine.as_dataset(loaded) is None
    assert engine.as_dataset(multi_disk.corpus).path == store.path
    assert engine.as_dataset(multi_disk.tokens).path == multi_disk.tokens.path


@pytest.mark.parametrize("thing", [["科技", "创新"], "科技", 3, None, pd.Series(["科技"])])
def test_wrap_refuses_anything_else_by_name(thing):
    with pytest.raises(TypeError, match=rf"expected a DataFrame, a Corpus, .* not {type(thing).__name__}"):
        engine.wrap(thing)


@pytest.fixture(params=["multi_disk", "extended_disk"])
def sources(request):
    """(memory, disk, store): the same corpus as a FrameSource (tokens with their corpus) and a DiskSource."""
    store = request.getfixturevalue(request.param)
    return engine.wrap(store.memory.tokens, corpus=store.memory.corpus), engine.wrap(store.tokens), store


def _sorted(table: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    return table.sort_values(keys, kind="stable").reset_index(drop=True)


@pytest.mark.parametrize("keys", [[], ["doc_id"], ["year"], ["genre", "year"], ["section"], ["doc_id", "section"]])
@pytest.mark.parametrize("options", [{"stopwords": True, "pos": None, "min_length": 1},
                                     {"stopwords": False, "pos": ["n", "vn"], "min_length": 2},
                                     {"stopwords": True, "pos": None, "min_length": 1,
                                      "terms": ["科技", "创新", "没有的词"]}])
def test_term_counts_are_the_same(sources, keys, options):
    *_, store = sources
    annotated = [k for k in keys if k != "doc_id"]
    in_memory = engine.wrap(store.memory.annotate(annotated), corpus=store.memory.corpus)
    on_disk = engine.wrap(store.annotate(annotated))
    expected = _sorted(in_memory.term_counts(keys, **options), [*keys, "term"])
    assert len(expected) and list(expected.columns) == [*keys, "term", "count", "docfreq", "parafreq", "total"]
    got = _sorted(on_disk.term_counts(keys, **options), [*keys, "term"])
    assert_frame_equal(got, expected, check_dtype=False, check_categorical=False)


@pytest.mark.parametrize("keys", [["doc_id"], ["year"], ["section"], ["doc_id", "section"]])
def test_word_counts_are_the_same(sources, keys):
    memory, _, store = sources
    annotated = [k for k in keys if k != "doc_id"]
    in_memory = engine.wrap(store.memory.annotate(annotated), corpus=store.memory.corpus)
    expected = _sorted(in_memory.word_counts(keys), keys)
    assert expected["total"].sum() == memory.word_counts(["doc_id"])["total"].sum() > 0
    got = _sorted(engine.wrap(store.annotate(annotated)).word_counts(keys), keys)
    assert_frame_equal(got, expected, check_dtype=False, check_categorical=False)


def test_chunks_hold_whole_documents_and_the_same_rows(sources):
    memory, disk, _ = sources
    columns = ["doc_id", "para_no", "token_no", "token", "is_stop"]
    (expected,) = list(memory.chunks("tokens", columns, annotate=["section", "year"]))  # in memory: one piece
    pieces = list(disk.chunks("tokens", columns, annotate=["section", "year"]))
    assert len(pieces) >= 3
    documents = [set(piece["doc_id"]) for piece in pieces]
    assert sum(map(len, documents)) == len(set().union(*documents)) == len(memory.documents)  # never split
    got = memory.order(pd.concat(pieces, ignore_index=True).sort_values(["doc_id", "token_no"]))
    assert_frame_equal(got, expected.reset_index(drop=True), check_dtype=False, check_categorical=False)


@pytest.mark.parametrize("name, columns", [("tokens", ["doc_id", "para_no", "sent_no", "token_no", "token", "pos",
                                                       "start", "end", "is_stop"]),
                                           ("paragraphs", ["doc_id", "para_no", "section", "n_chars"]),
                                           ("sentences", ["doc_id", "para_no", "sent_no", "n_chars"]),
                                           ("list_items", ["doc_id", "para_no", "list_no"])])
def test_tables_are_the_same(sources, name, columns):
    memory, disk, _ = sources
    expected = memory.table(name, columns).reset_index(drop=True)
    assert len(expected) or name == "list_items"
    assert_frame_equal(disk.table(name, columns).reset_index(drop=True), expected, check_dtype=False,
                       check_categorical=False)
    picked = list(memory.documents["doc_id"].iloc[[3, 0]])  # another order than the corpus': corpus order
    expected = memory.table(name, columns, doc_ids=picked).reset_index(drop=True)
    assert_frame_equal(disk.table(name, columns, doc_ids=picked).reset_index(drop=True), expected,
                       check_dtype=False, check_categorical=False)


@pytest.mark.parametrize("column", ["section", "heading_1", "year", "genre", "doc_id"])
def test_first_seen_and_sections_are_the_same(sources, column):
    memory, disk, _ = sources
    expected = memory.first_seen(column)
    assert len(expected)
    assert disk.first_seen(column) == expected
    assert disk.sections() == memory.sections()
    shared = [c for c in memory.documents.columns if c in disk.documents.columns]
    assert_frame_equal(disk.documents[shared], memory.documents[shared], check_dtype=False)


def test_text_counts_are_the_occurrences_of_each_string_in_the_paragraphs(extended_store):
    """Non-overlapping occurrences (str.count) in the cleaned text, per group, whatever the segmentation."""
    terms = ["国家安全", "创新", "科技创新", "没有的词"]
    source = engine.wrap(extended_store.annotate(["year"]))
    got = source.text_counts(terms, ["year"]).sort_values(["year", "term"]).reset_index(drop=True)
    paragraphs = extended_store.memory.corpus.paragraphs.merge(
        extended_store.memory.documents[["doc_id", "year"]], on="doc_id")
    rows = [(year, term, n, len(set(part.loc[counts > 0, "doc_id"])), int((counts > 0).sum()))
            for year, part in paragraphs.groupby("year")
            for term in terms
            for counts in [part["text"].map(lambda t, term=term: t.count(term))]
            for n in [int(counts.sum())] if n]
    expected = pd.DataFrame(rows, columns=["year", "term", "count", "docfreq", "parafreq"])
    expected = expected.sort_values(["year", "term"]).reset_index(drop=True)
    assert len(expected) and "没有的词" not in set(got["term"])
    pd.testing.assert_frame_equal(got, expected, check_dtype=False)


def test_a_query_that_counts_rows_without_naming_a_column(store):
    """``SELECT count(*) FROM sentences`` names a table and none of its columns: the same count in both
    storages (in memory it once registered an empty table that DuckDB refuses)."""
    source = engine.wrap(store.corpus)
    assert source.query("SELECT count(*) AS n FROM sentences")["n"].item() == len(store.memory.corpus.sentences)


def test_summed_folds_large_parts_and_keeps_the_sums_and_first_seen_order(monkeypatch, multi_memory):
    words = multi_memory.tokens
    parts = [group.groupby("token", as_index=False, sort=False).size().rename(columns={"size": "n"})
             for _, group in words.groupby("para_no", sort=True)]
    expected = pd.concat(parts, ignore_index=True).groupby("token", as_index=False, sort=False)["n"].sum()
    folds = []
    real = pd.concat

    def counting(frames, **options):
        folds.append(len(frames))
        return real(frames, **options)

    monkeypatch.setattr(fold.pd, "concat", counting)
    monkeypatch.setattr(fold, "FOLD_ROWS", 200)  # rows, not only the number of parts, start a fold
    assert len(parts) > 20 and sum(map(len, parts)) > 2_000
    assert_frame_equal(engine.summed(iter(parts), ["token"], ["n"]), expected)
    assert len(folds) > len(parts) // (fold.FOLD_EVERY + 1) + 1  # folded more often than every 17 parts
    folds.clear()
    assert_frame_equal(engine.summed(iter(parts[:1]), ["token"], ["n"]), parts[0])  # one part: never grouped
    assert folds == []
