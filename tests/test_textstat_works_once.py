"""Pooled counts take each work once: a later edition is left out of every count across documents.

The multi-document fixture holds a speech and its later edition (a few characters apart).  Counted over the
corpus, by year or by genre, the edition would count the speech twice; counted by document it is its own row.
Each verb is run on the corpus in memory and on disk and compared with the same verb on the first editions
alone.
"""

from __future__ import annotations

import pandas as pd
from pandas.testing import assert_frame_equal

from helpers import corpus, engine, explore, textstat, themes


def _works(store) -> list[str]:
    works = corpus.first_editions(store.memory.documents)["doc_id"].tolist()
    assert 0 < len(works) < len(store.memory.documents)  # the fixture holds an edition
    return works


def _alone(table: pd.DataFrame, works: list[str]) -> pd.DataFrame:
    return table[table["doc_id"].isin(works)].reset_index(drop=True)


def test_corpus_frequency_counts_each_work_once(store):
    works = _works(store)
    alone = _alone(store.memory.tokens, works)
    got = textstat.frequency(store.tokens, corpus=store.corpus)
    assert_frame_equal(got, textstat.frequency(alone))
    twice = textstat.frequency(store.memory.tokens)  # without its corpus a DataFrame cannot tell its editions
    assert twice["count"].sum() > got["count"].sum()
    # by document, every document is its own row, the edition included
    by_doc = textstat.frequency(store.tokens, by="doc_id", corpus=store.corpus)
    assert set(by_doc["doc_id"]) == set(store.memory.documents["doc_id"])


def test_collocations_cooccurrence_and_general_keyness_count_each_work_once(store):
    alone = _alone(store.memory.tokens, _works(store))
    assert_frame_equal(textstat.collocations(store.tokens, min_count=2, corpus=store.corpus),
                       textstat.collocations(alone, min_count=2))
    assert_frame_equal(themes.cooccurrence(store.tokens, top_n=20, corpus=store.corpus),
                       themes.cooccurrence(alone, top_n=20))
    assert_frame_equal(textstat.keyness_against_general(store.tokens, corpus=store.corpus),
                       textstat.keyness_against_general(alone))


def test_theme_drivers_of_the_whole_corpus_count_each_work_once(store):
    works = _works(store)
    got = themes.drivers(store.corpus, by=None)
    assert_frame_equal(got, themes.drivers(_alone(store.memory.paragraphs, works), by=None))
    # a document's drivers, each document its own group
    assert set(themes.drivers(store.corpus, by="doc_id")["doc_id"]) == set(store.memory.documents["doc_id"])


def test_document_columns_of_first_editions_leave_edition_rows_out_not_unlabelled(store):
    memory = store.memory
    works = _works(store)
    columns = textstat.document_columns(corpus.first_editions(memory.documents))
    scores = themes.by_document(themes.score(memory.paragraphs))
    heat = textstat.pool_columns(scores, columns, by="theme", sums=["hits", "n_chars"])
    assert heat["label"].notna().all() and set(heat["doc_id"]) == set(works)
    pooled = textstat.pool_columns(scores, columns.rename("year"), by="theme", sums=["hits", "n_chars"])
    assert pooled["label"].notna().all()
    assert pooled["hits"].sum() == scores.loc[scores["doc_id"].isin(works), "hits"].sum()
    drivers = themes.pool_drivers(themes.drivers(memory.paragraphs), columns)
    assert set(drivers["doc_id"]) == set(works)
    pooled_drivers = themes.pool_drivers(themes.drivers(memory.paragraphs), columns.rename("year"))
    assert pooled_drivers["label"].notna().all()


def test_paragraph_length_boxes_take_each_work_once(store):
    memory = store.memory
    works = _works(store)
    boxes = textstat.paragraph_length_view(memory.paragraphs, memory.documents, max_documents=1)
    alone = memory.documents[memory.documents["doc_id"].isin(works)]
    assert_frame_equal(boxes, textstat.paragraph_length_boxes(_alone(memory.paragraphs, works),
                                                              textstat.document_years(alone)))
    assert boxes["n_documents"].sum() == len(works)


def test_the_keyness_explorer_compares_groups_of_works(store):
    memory = store.memory
    words = textstat.annotate(memory.tokens, memory.corpus, ["genre"])
    genres = memory.documents["genre"].dropna().unique().tolist()
    got = explore.group_keyness(words, by="genre", target=[genres[0]], corpus=memory.corpus)
    alone = _alone(words, _works(store))
    assert_frame_equal(got, explore.group_keyness(alone, by="genre", target=[genres[0]]))


def test_a_tokens_dataset_reads_each_work_once_from_the_term_table_its_build_wrote(multi_disk):
    """On disk, counts over each work once read ``works.parquet`` (the first editions' term table, written by the
    build) as counts over every document read ``terms.parquet``: the same numbers as summing the first editions'
    per-document counts, without that sum at query time."""
    data = multi_disk.tokens
    assert (data.path / "works.parquet").is_file()
    works = _works(multi_disk)
    chosen = engine.wrap(data).each_work_once(works)
    assert chosen.data.works and set(chosen.documents["doc_id"]) == set(works)
    assert not chosen.data.subset(doc_id=works[:1]).works  # a narrower selection sums its documents again
    assert not engine.wrap(data.subset(doc_id=works)).each_work_once(works).data.works  # selected before
    alone = _alone(multi_disk.memory.tokens, works)
    assert_frame_equal(textstat.frequency(data, corpus=multi_disk.corpus), textstat.frequency(alone))
    summed = engine.wrap(data).subset(works)  # the same documents, counted by summing their rows
    assert summed.counts(stopwords=False, pos=None, min_length=1, min_count=1).equals(
        chosen.counts(stopwords=False, pos=None, min_length=1, min_count=1))
