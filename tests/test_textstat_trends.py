"""helpers.textstat.trends: per genre and year, editions counted once, no rows for years without documents."""

from __future__ import annotations

import pandas as pd

from helpers import textstat


def _documents(edition=True):
    docs = pd.DataFrame({"doc_id": ["a", "b", "b2", "c"], "genre": ["report", "report", "report", "speech"],
                         "date": pd.to_datetime(["2014-03-05", "2016-03-05", "2016-03-06", None]),
                         "year": [None, None, None, 2016], "n_chars": [100, 200, 200, 50]})
    return docs.assign(edition_of=["", "", "b", ""]) if edition else docs


def _tokens():
    rows = [("a", "改革"), ("a", "开放"), ("a", "，"), ("b", "改革"), ("b", "改革"), ("b", "发展"),
            ("b2", "改革"), ("b2", "改革"), ("b2", "发展"), ("c", "科技")]
    return pd.DataFrame(rows, columns=["doc_id", "token"])


def test_term_trends_by_genre_and_year_with_editions_once():
    table = textstat.term_trends(_tokens(), _documents(), ["改革", "科技"])
    report = table[(table["genre"] == "report") & (table["term"] == "改革")]
    # 2014: 1 of 2 words (the comma is not a word); 2016: the later edition b2 is left out, 2 of 3 words
    assert report["year"].tolist() == [2014, 2016]  # no row for 2015: a gap, not a zero
    assert report["count"].tolist() == [1, 2] and report["n_words"].tolist() == [2, 3]
    assert report["per_10k"].round(1).tolist() == [5000.0, 6666.7]
    speech = table[(table["genre"] == "speech") & (table["term"] == "科技")]
    assert speech["year"].tolist() == [2016] and speech["count"].tolist() == [1]  # the year column, no date
    assert table.loc[(table["genre"] == "speech") & (table["term"] == "改革"), "count"].tolist() == [0]
    without = textstat.term_trends(_tokens(), _documents(edition=False), ["改革"], genre="report")
    assert without["count"].tolist() == [1, 4] and set(without["genre"]) == {"report"}  # no edition column


def test_formulation_trends_rate_per_10k_characters():
    tracked = pd.DataFrame({"doc_id": ["a", "b", "b2", "c"], "formulation": "科技强国", "count": [1, 2, 2, 3]})
    table = textstat.formulation_trends(tracked, _documents())
    assert table[["genre", "year", "count", "n_chars"]].values.tolist() == [
        ["report", 2014, 1, 100], ["report", 2016, 2, 200], ["speech", 2016, 3, 50]]
    assert table["per_10k_chars"].tolist() == [100.0, 100.0, 600.0]
