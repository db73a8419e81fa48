"""helpers.themes on a streamed corpus: the same tables as in memory, computed chunk by chunk from the tokens
dataset (extended corpus in several chunks); what needs every paragraph at once runs on the sample."""

from __future__ import annotations

import pytest
from pandas.testing import assert_frame_equal

from helpers import corpus, findings, textstat, themes, tokens
from helpers.themes import keyterms
from helpers.tokens import dataset

LISTS = ("general", "policy")


@pytest.fixture(scope="module")
def streamed(extended_dir, tmp_path_factory):
    """(stream, its tokens dataset in several chunks, with both stopword lists, annotated with section)."""
    stream = corpus.load(extended_dir, stream=True)
    data = dataset.build(stream, workers=1, chunk_bytes=60_000, progress=False,
                         path=tmp_path_factory.mktemp("themes-ds"))
    assert data.manifest["chunks"] > 2
    return stream, textstat.annotate(data.with_stopwords(LISTS), stream, ["section"])


@pytest.fixture(scope="module")
def book():
    return themes.codebook()


def test_section_and_document_scores_equal_the_corpus_in_memory(extended, streamed, book):
    _, data = streamed
    in_memory = themes.score(extended.paragraphs, book)
    on_disk = themes.score(data, book)
    assert "para_no" not in on_disk.columns  # one row per section and theme, not per paragraph
    assert len(on_disk) < len(in_memory) / 5
    assert_frame_equal(themes.by_section(on_disk), themes.by_section(in_memory))
    assert_frame_equal(themes.by_document(on_disk), themes.by_document(in_memory))
    assert str(findings.document_scores(on_disk)) == str(findings.document_scores(in_memory))


@pytest.mark.parametrize("by", [("doc_id", "section"), None, "doc_id", "section"])
def test_drivers_equal_the_corpus_in_memory(extended, streamed, book, by):
    _, data = streamed
    expected = themes.drivers(extended.paragraphs, book, by=by)
    assert len(expected) > 50
    assert_frame_equal(themes.drivers(data, book, by=by), expected)


@pytest.mark.parametrize("options", [{"top_n": 40, "min_count": 2}, {"top_n": 15, "min_count": 5, "pos": ["n", "vn"]}])
def test_cooccurrence_equals_the_corpus_in_memory(extended_words, streamed, options):
    _, data = streamed
    expected = themes.cooccurrence(extended_words, **options)
    assert len(expected) > 20
    assert_frame_equal(themes.cooccurrence(data, **options), expected)


def test_keywords_of_one_document_read_from_the_dataset(extended, extended_words, streamed):
    _, data = streamed
    focus = textstat.choose_contrast(extended.documents).target[0]
    expected = themes.keywords(extended_words[extended_words["doc_id"] == focus], by=["doc_id", "section"])
    assert expected["section"].nunique() > 2
    assert_frame_equal(themes.keywords(data.subset(doc_id=[focus]), by=["doc_id", "section"]), expected)
    with pytest.raises(ValueError, match="too many to read into memory"):
        keyterms.in_memory(data, max_tokens=1_000)


def test_the_sample_of_a_small_stream_is_the_whole_corpus(extended, extended_words, streamed, book):
    """Topics, the paragraph profile and keywords by group run on the sample: of a small corpus, all of it."""
    stream, _ = streamed
    sample = corpus.sample(stream)
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
    said = str(findings.sampled(sample.documents, stream.documents, what="The topic model"))
    assert said == (f"The topic model ran on the whole corpus ({len(extended.documents)} documents, "
                    f"{extended.documents['n_chars'].sum():,} characters).")


def test_the_findings_name_the_share_of_a_sample(streamed):
    stream, _ = streamed
    documents = stream.documents
    sample = corpus.sample(stream, max_chars=int(documents["n_chars"].sum() // 3))
    assert 0 < len(sample.documents) < len(documents)
    chars, total = sample.documents["n_chars"].sum(), documents["n_chars"].sum()
    said = str(findings.sampled(sample.documents, documents, what="The topic model"))
    assert said.startswith(f"The topic model ran on {len(sample.documents)} of {len(documents)} documents, each "
                           f"work once (later editions and duplicates left out), taken in turn from each year: "
                           f"{chars:,} of {total:,} characters (")
    assert f"({round(chars / total * 100)}%)" in said


def test_findings_of_section_rows_name_each_documents_leading_theme(extended, book):
    scores = themes.score(extended.paragraphs, book)
    per_doc = themes.by_document(scores)
    lead = per_doc.sort_values("hits", ascending=False, kind="stable").drop_duplicates("doc_id")
    counts = lead["theme"].value_counts()
    said = str(findings.document_scores(scores))
    top = counts.index[0]
    assert f"{top} in {counts.iloc[0]} document" in said


def test_the_sample_of_a_corpus_with_editions_counts_each_work_once(multi):
    sample = corpus.sample(multi)
    firsts = corpus.first_editions(multi.documents)
    assert 0 < len(firsts) < len(multi.documents)
    assert sample.documents["doc_id"].tolist() == firsts["doc_id"].tolist()
    assert set(sample.paragraphs["doc_id"]) == set(firsts["doc_id"])
    chars, total = firsts["n_chars"].sum(), multi.documents["n_chars"].sum()
    said = str(findings.sampled(sample.documents, multi.documents, what="The topic model"))
    assert said == (f"The topic model ran on {len(firsts)} of {len(multi.documents)} documents, each work once "
                    f"(later editions and duplicates left out): {chars:,} of {total:,} characters "
                    f"({round(chars / total * 100)}%).")
