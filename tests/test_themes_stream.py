"""helpers.themes on both storages (the storage fixture): the same tables on disk as in memory, computed chunk by
chunk from the corpus on disk (extended corpus in several chunks); what needs every paragraph at once runs on the
sample."""

from __future__ import annotations

import pytest
from pandas.testing import assert_frame_equal

from helpers import corpus, findings, textstat, themes, tokens
from helpers.themes import keyterms, scoring

LISTS = ("general", "policy")


@pytest.fixture(scope="module")
def book():
    return themes.codebook()


def test_scores_equal_the_corpus_in_memory_on_every_storage(extended_store, book):
    """One body over the engine: the same paragraph rows from the chunks on disk as from the tables in memory."""
    got, expected = extended_store.against_memory(lambda s: themes.score(s.paragraphs, book))
    assert "para_no" in expected.columns and len(expected) > 100
    assert_frame_equal(got, expected, check_dtype=False)


def test_a_large_score_table_has_a_row_per_section_whatever_the_storage(extended_store, book, monkeypatch):
    """Beyond MAX_SCORE_ROWS rows a score table sums each section (decided by size, not by storage); its
    section and document scores are those of the paragraph rows."""
    paragraph_rows = themes.score(extended_store.memory.paragraphs, book)
    monkeypatch.setattr(scoring, "MAX_SCORE_ROWS", len(paragraph_rows) // 4)  # crossed in a later chunk on disk
    got, expected = extended_store.against_memory(lambda s: themes.score(s.paragraphs, book))
    assert "para_no" not in got.columns  # one row per section and theme, not per paragraph
    assert len(got) < len(paragraph_rows) / 5
    assert_frame_equal(themes.by_section(got), themes.by_section(paragraph_rows))
    assert_frame_equal(themes.by_document(got), themes.by_document(paragraph_rows))
    assert str(findings.document_scores(got)) == str(findings.document_scores(paragraph_rows))
    assert_frame_equal(got, expected, check_dtype=False)


@pytest.mark.parametrize("by", [("doc_id", "section"), None, "doc_id", "section"])
def test_drivers_equal_the_in_memory_reference(extended_store, book, by):
    got, expected = extended_store.against_memory(lambda s: themes.drivers(s.paragraphs, book, by=by))
    assert len(expected) > 50
    assert_frame_equal(got, expected)


@pytest.mark.parametrize("options", [{"top_n": 40, "min_count": 2}, {"top_n": 15, "min_count": 5, "pos": ["n", "vn"]}])
def test_cooccurrence_equals_the_in_memory_reference(extended_store, extended_words, options):
    got, expected = extended_store.against_memory(
        lambda s: themes.cooccurrence(s.with_stopwords(LISTS).tokens, **options))
    assert len(expected) > 20
    assert_frame_equal(got, expected)
    assert_frame_equal(expected, themes.cooccurrence(extended_words, **options))  # as segmented with the lists


def test_keywords_of_one_document_equal_the_in_memory_reference(extended_store, extended, extended_words):
    focus = textstat.choose_contrast(extended.documents).target[0]
    store = extended_store.with_stopwords(LISTS).select(focus)
    got, expected = store.against_memory(lambda s: themes.keywords(s.annotate(["section"]), by=["doc_id", "section"]))
    assert expected["section"].nunique() > 2
    assert_frame_equal(got, expected)
    in_words = themes.keywords(extended_words[extended_words["doc_id"] == focus], by=["doc_id", "section"])
    assert_frame_equal(expected, in_words)


def test_a_dataset_too_large_for_memory_is_not_read_for_keywords(extended_disk):
    data = textstat.annotate(extended_disk.tokens.with_stopwords(LISTS), extended_disk.corpus, ["section"])
    with pytest.raises(ValueError, match="too many to read into memory"):
        keyterms.in_memory(data, max_tokens=1_000)


def test_the_sample_of_a_small_corpus_is_the_whole_corpus_on_every_storage(extended_store, extended,
                                                                          extended_words, book):
    """Topics, the paragraph profile and keywords by group run on the sample: of a small corpus, all of it."""
    sample = corpus.sample(extended_store.corpus)
    assert sorted(sample.documents["doc_id"]) == sorted(extended.documents["doc_id"])
    sample_words = textstat.annotate(tokens.segment(sample.paragraphs, stopword_lists=LISTS), sample, ["section"])
    order = ["doc_id", "para_no"]
    top_words, weights = themes.topics(sample_words, n_topics=5)
    expected_words, expected_weights = themes.topics(extended_words, n_topics=5)
    assert_frame_equal(top_words, expected_words)
    assert_frame_equal(weights.sort_values([*order, "topic"]).reset_index(drop=True),
                       expected_weights.sort_values([*order, "topic"]).reset_index(drop=True))
    profile = themes.score(sample.paragraphs, book)
    expected = themes.score(extended.paragraphs, book)
    assert_frame_equal(profile.sort_values([*order, "theme"]).reset_index(drop=True),
                       expected.sort_values([*order, "theme"]).reset_index(drop=True))
    said = str(findings.sampled(sample.documents, extended_store.documents, what="The topic model"))
    assert said == (f"The topic model ran on the whole corpus ({len(extended.documents)} documents, "
                    f"{extended.documents['n_chars'].sum():,} characters).")


def test_the_findings_name_the_share_of_a_sample(extended_disk):
    """On disk only: the sample of a corpus on disk keeps a character budget, and the findings name its share."""
    documents = extended_disk.corpus.documents
    sample = corpus.sample(extended_disk.corpus, max_chars=int(documents["n_chars"].sum() // 3))
    assert 0 < len(sample.documents) < len(documents)
    chars, total = sample.documents["n_chars"].sum(), documents["n_chars"].sum()
    said = str(findings.sampled(sample.documents, documents, what="The topic model"))
    assert said.startswith(f"The topic model ran on {len(sample.documents)} of {len(documents)} documents, each "
                           f"work once (later editions and duplicates left out), taken in turn from each year: "
                           f"{chars:,} of {total:,} characters (")
    assert f"({round(chars / total * 100)}%)" in said


def test_findings_of_section_rows_name_each_documents_leading_theme(extended_store, book):
    scores = themes.score(extended_store.paragraphs, book)
    per_doc = themes.by_document(scores)
    lead = per_doc.sort_values("hits", ascending=False, kind="stable").drop_duplicates("doc_id")
    counts = lead["theme"].value_counts()
    said = str(findings.document_scores(scores))
    top = counts.index[0]
    assert f"{top} in {counts.iloc[0]} document" in said


def test_the_sample_of_a_corpus_with_editions_counts_each_work_once(store):
    multi = store.memory.corpus
    sample = corpus.sample(store.corpus)
    assert sample.storage == "memory"
    firsts = corpus.first_editions(multi.documents)
    assert 0 < len(firsts) < len(multi.documents)
    assert sample.documents["doc_id"].tolist() == firsts["doc_id"].tolist()
    assert set(sample.paragraphs["doc_id"]) == set(firsts["doc_id"])
    chars, total = firsts["n_chars"].sum(), multi.documents["n_chars"].sum()
    said = str(findings.sampled(sample.documents, multi.documents, what="The topic model"))
    assert said == (f"The topic model ran on {len(firsts)} of {len(multi.documents)} documents, each work once "
                    f"(later editions and duplicates left out): {chars:,} of {total:,} characters "
                    f"({round(chars / total * 100)}%).")
