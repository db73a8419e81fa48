"""helpers.textstat.frequency: frequency lists on real text, in memory and on a tokens dataset on disk."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from conftest import SPEECH
from pandas.testing import assert_frame_equal

from helpers import textstat


@pytest.fixture(scope="module")
def speech(store):
    """The bundled speech alone (one document of the multi-document corpus), in the store's storage."""
    return store.select(SPEECH)


def test_frequency_columns_and_counts(speech):
    freq = textstat.frequency(speech.tokens)
    words = speech.memory.tokens
    assert list(freq.columns) == ["term", "count", "per_10k", "docfreq", "parafreq", "rank"]
    top = freq.iloc[0]
    assert (top["term"], top["rank"]) == ("科技", 1)
    n_words = (~words["token"].str.fullmatch(r"[\W\d_]+")).sum()
    assert math.isclose(top["per_10k"], top["count"] / n_words * 10_000)
    assert freq.set_index("term").loc["人才", "parafreq"] == words.loc[words["token"] == "人才", "para_no"].nunique()
    assert not freq["term"].isin(["的", "。", "2035"]).any()  # stopword, punctuation, digits
    assert freq["count"].is_monotonic_decreasing
    ties = freq[freq["count"] == freq["count"].iloc[7]]
    assert ties["rank"].nunique() == 1


def test_frequency_filters(speech):
    nouns = textstat.frequency(speech.tokens, pos=["n"], min_length=2, min_count=3)
    assert (nouns["term"].str.len() >= 2).all() and (nouns["count"] >= 3).all()
    words = speech.memory.tokens
    tags = dict(zip(words["token"], words["pos"], strict=False))
    assert {tags[t] for t in nouns["term"]} == {"n"}
    with_stop = textstat.frequency(speech.tokens, stopwords=False)
    assert "的" in set(with_stop["term"])
    only = textstat.frequency(speech.tokens, terms=["人才", "科技"])
    assert only["term"].tolist() == ["科技", "人才"] and only["rank"].tolist() == [1, 8]


def test_frequency_by_group_sums_to_the_total(speech):
    annotated = speech.annotate(["section", "year"])
    by_section = textstat.frequency(annotated, by="section")
    total = textstat.frequency(speech.tokens).set_index("term")["count"]
    assert by_section.groupby("term")["count"].sum().sort_index().equals(total.sort_index())
    assert by_section["section"].drop_duplicates().tolist() == ["opening", "第一", "第二", "第三", "第四", "第五", "closing"]
    fourth = by_section[by_section["section"] == "第四"].iloc[0]
    assert (fourth["term"], fourth["rank"]) == ("人才", 1)
    by_year = textstat.frequency(annotated, by=["year"])
    assert set(by_year["year"]) == {2024}


@pytest.mark.parametrize("by", ["section", "year"])
def test_frequency_explains_a_missing_group_column(store, by):
    with pytest.raises(KeyError, match=rf"textstat.annotate\(tokens, corpus, \['{by}'\]\)"):
        textstat.frequency(store.tokens, by=by)


def test_frequency_by_a_missing_value_keeps_that_group(multi_memory):
    """An undated document is its own group (date NaT), counted and ranked like any other."""
    speech = multi_memory.select(SPEECH)
    annotated = speech.annotate(["date"]).assign(date=pd.NaT)
    by_date = textstat.frequency(annotated, by="date", terms=["科技", "人才"])
    assert by_date["date"].isna().all()
    assert by_date["term"].tolist() == ["科技", "人才"] and by_date["rank"].tolist() == [1, 8]


@pytest.mark.parametrize("options", [{}, {"stopwords": False}, {"pos": ["n", "vn", "v"]}, {"min_length": 2},
                                     {"min_count": 3}, {"terms": ["科技", "创新", "发展", "没有的词"]}])
def test_frequency_equals_the_in_memory_reference(every_store, options):
    got, expected = every_store.against_memory(lambda s: textstat.frequency(s.tokens, corpus=s.corpus, **options))
    assert_frame_equal(got, expected)


@pytest.mark.parametrize("by, options", [
    ("year", {"min_count": 2}), ("date", {"min_count": 2}), ("genre", {"min_count": 2}),
    ("doc_id", {"min_count": 2}), ("section", {"min_count": 2}), (["doc_id", "section"], {"min_count": 2}),
    (["year", "genre"], {"min_count": 2}), ("date", {"terms": ["科技", "创新", "改革", "安全"]}),  # terms over time
])
def test_frequency_by_group_equals_the_in_memory_reference(every_store, by, options):
    columns = [c for c in ([by] if isinstance(by, str) else by) if c != "doc_id"]
    got, expected = every_store.against_memory(lambda s: textstat.frequency(s.annotate(columns), by=by,
                                                                            corpus=s.corpus, **options))
    assert len(expected)
    assert_frame_equal(got, expected, check_dtype=False)
    assert list(got.dtypes.astype(str)) == list(expected.dtypes.astype(str))


def test_a_term_the_segmenter_splits_is_counted_in_the_text_with_its_rank(extended_store):
    """国家安全 is never one token: frequency(terms=) counts it in the text (counted_as="text"), per group, with
    the rank its count would have among the tokens; a token term keeps its row (counted_as="token")."""
    annotated = extended_store.annotate(["year"])
    table = textstat.frequency(annotated, by="year", terms=["国家安全", "创新"])
    paragraphs = extended_store.memory.corpus.paragraphs.merge(
        extended_store.memory.documents[["doc_id", "year"]], on="doc_id")
    expected = paragraphs.assign(n=paragraphs["text"].map(lambda t: t.count("国家安全"))).groupby("year")["n"].sum()
    split = table[table["term"] == "国家安全"].set_index("year")
    assert (split["counted_as"] == "text").all() and split["count"].to_dict() == expected[expected > 0].to_dict()
    every = textstat.frequency(annotated, by="year")
    for year, row in split.iterrows():
        counts = every.loc[every["year"] == year, "count"]
        assert row["rank"] == 1 + int((counts > row["count"]).sum())
        assert row["per_10k"] > 0
    assert (table.loc[table["term"] == "创新", "counted_as"] == "token").all()
