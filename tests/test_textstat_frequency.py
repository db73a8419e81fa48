"""helpers.textstat.frequency: frequency lists on real text."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from helpers import textstat, tokens


@pytest.fixture(scope="module")
def words(seed):
    return tokens.segment(seed.paragraphs)


def test_frequency_columns_and_counts(words):
    freq = textstat.frequency(words)
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


def test_frequency_filters(words):
    nouns = textstat.frequency(words, pos=["n"], min_length=2, min_count=3)
    assert (nouns["term"].str.len() >= 2).all() and (nouns["count"] >= 3).all()
    tags = dict(zip(words["token"], words["pos"], strict=False))
    assert {tags[t] for t in nouns["term"]} == {"n"}
    with_stop = textstat.frequency(words, stopwords=False)
    assert "的" in set(with_stop["term"])
    only = textstat.frequency(words, terms=["人才", "科技"])
    assert only["term"].tolist() == ["科技", "人才"] and only["rank"].tolist() == [1, 8]


def test_frequency_by_group_sums_to_the_total(seed, words):
    annotated = textstat.annotate(words, seed, ["section", "year"])
    by_section = textstat.frequency(annotated, by="section")
    total = textstat.frequency(words).set_index("term")["count"]
    assert by_section.groupby("term")["count"].sum().sort_index().equals(total.sort_index())
    assert by_section["section"].drop_duplicates().tolist() == ["opening", "第一", "第二", "第三", "第四", "第五", "closing"]
    fourth = by_section[by_section["section"] == "第四"].iloc[0]
    assert (fourth["term"], fourth["rank"]) == ("人才", 1)
    by_year = textstat.frequency(annotated, by=["year"])
    assert set(by_year["year"]) == {2024}


def test_frequency_explains_a_missing_group_column(words):
    with pytest.raises(KeyError, match=r"textstat.annotate\(tokens, corpus, \['section'\]\)"):
        textstat.frequency(words, by="section")


def test_frequency_by_a_missing_value_keeps_that_group(seed, words):
    """An undated document is its own group (date NaT), counted and ranked like any other."""
    annotated = textstat.annotate(words, seed, ["date"]).assign(date=pd.NaT)
    by_date = textstat.frequency(annotated, by="date", terms=["科技", "人才"])
    assert by_date["date"].isna().all()
    assert by_date["term"].tolist() == ["科技", "人才"] and by_date["rank"].tolist() == [1, 8]
