"""helpers.textstat.trends: per genre and year, editions counted once, no rows for years without documents; the
same trends in memory and on a tokens dataset on disk."""

from __future__ import annotations

import pandas as pd
from conftest import LISTS, SPEECH
from pandas.testing import assert_frame_equal

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


def test_term_trends_of_the_fixture_corpus(store):
    """Two reports are editions of earlier ones and the speech has an edition: each counted once."""
    table = textstat.term_trends(store.tokens, store.documents, ["科技", "没有的词"])
    reports = table[(table["genre"] == "government work report") & (table["term"] == "科技")]
    assert reports["year"].tolist() == [2019, 2022] and (reports["n_documents"] == 1).all()
    speech = table[(table["genre"] == "speech") & (table["term"] == "科技")]
    assert speech["year"].tolist() == [2024]
    alone = textstat.frequency(store.select(SPEECH).tokens, terms=["科技"]).iloc[0]
    assert speech["count"].tolist() == [alone["count"]] and speech["per_10k"].tolist() == [alone["per_10k"]]
    assert (table.loc[table["term"] == "没有的词", "count"] == 0).all() and len(table) == 6


def test_term_trends_equal_the_in_memory_reference(extended_store):
    terms = ["科技", "创新", "人才", "改革", "没有的词"]
    got, expected = extended_store.with_stopwords(LISTS).against_memory(
        lambda s: textstat.term_trends(s.tokens, s.documents, terms))
    assert_frame_equal(got, expected, check_exact=True)


def test_formulation_trends_rate_per_10k_characters():
    tracked = pd.DataFrame({"doc_id": ["a", "b", "b2", "c"], "formulation": "科技强国", "count": [1, 2, 2, 3]})
    table = textstat.formulation_trends(tracked, _documents())
    assert table[["genre", "year", "count", "n_chars"]].values.tolist() == [
        ["report", 2014, 1, 100], ["report", 2016, 2, 200], ["speech", 2016, 3, 50]]
    assert table["per_10k_chars"].tolist() == [100.0, 100.0, 600.0]


def _many_documents(n: int, years: list[int]) -> pd.DataFrame:
    return pd.DataFrame({"doc_id": [f"d{i:03d}" for i in range(n)], "title": [f"文件{i}" for i in range(n)],
                         "genre": "government_work_report", "date": None,
                         "year": pd.array([years[i % len(years)] for i in range(n)], dtype="Int64")})


def test_heatmap_columns_are_documents_then_years_then_decades():
    few = _many_documents(8, [2014, 2015])
    assert textstat.document_columns(few).equals(textstat.document_labels(few).rename("document"))
    many = _many_documents(90, [2014, 2015, 2016])
    columns = textstat.document_columns(many)
    assert columns.name == "year" and columns.index.tolist() == textstat.document_labels(many).index.tolist()
    assert columns.unique().tolist() == ["2014 (30 documents)", "2015 (30 documents)", "2016 (30 documents)"]
    decades = textstat.document_columns(_many_documents(90, list(range(1950, 2020))))
    assert decades.name == "decade" and decades.unique().tolist()[0] == "1950s (20 documents)"  # 1950–59 twice


def test_pooled_columns_sum_counts_and_recompute_rates():
    many = _many_documents(90, [2014, 2015, 2016])
    scores = pd.DataFrame({"doc_id": many["doc_id"].repeat(2).to_numpy(), "theme": ["甲", "乙"] * 90,
                           "hits": range(180), "n_chars": 1_000})
    scores["per_1k"] = scores["hits"] / scores["n_chars"] * 1_000
    columns = textstat.document_columns(many)
    pooled = textstat.pool_columns(scores, columns, by="theme", sums=["hits", "n_chars"],
                                   rate=("per_1k", "hits", "n_chars", 1_000))
    assert len(pooled) == 6 and pooled["n_chars"].eq(30_000).all()
    first = pooled[(pooled["theme"] == "甲") & (pooled["label"] == "2014 (30 documents)")].iloc[0]
    expected = scores[(scores["theme"] == "甲") & scores["doc_id"].map(columns).eq("2014 (30 documents)")]["hits"]
    assert first["hits"] == expected.sum() and first["per_1k"] == expected.sum() / 30_000 * 1_000
    few = _many_documents(8, [2014])
    same = textstat.pool_columns(scores[scores["doc_id"].isin(few["doc_id"])], textstat.document_columns(few),
                                 by="theme", sums=["hits"])
    assert len(same) == 16 and same["label"].notna().all()  # one column per document: rows kept as they are


def test_a_term_the_segmenter_splits_is_counted_in_the_text(extended_store):
    """国家安全 is never one token (国家 + 安全): counted by its occurrences in the text, never a silent 0."""
    table = textstat.term_trends(extended_store.tokens, extended_store.documents, ["国家安全", "创新"])
    paragraphs = extended_store.memory.corpus.paragraphs
    kept = textstat.distinct_documents(extended_store.documents)
    years = textstat.document_years(kept)
    expected = (paragraphs[paragraphs["doc_id"].isin(kept["doc_id"])]
                .assign(n=lambda p: p["text"].map(lambda t: t.count("国家安全")),
                        year=lambda p: p["doc_id"].map(years))
                .groupby("year")["n"].sum())
    split = table[table["term"] == "国家安全"]
    assert (split["counted_as"] == "text").all() and (table.loc[table["term"] == "创新", "counted_as"] == "token").all()
    assert split.groupby("year")["count"].sum().to_dict() == expected[expected.index.isin(split["year"])].to_dict()
    assert split["count"].sum() == expected.sum() > 0


def test_a_term_split_in_a_table_without_paragraphs_is_counted_per_document():
    tokens = pd.DataFrame({"doc_id": ["a", "a", "a", "c"], "token": ["国家", "安全", "改革", "国家"]})
    table = textstat.term_trends(tokens, _documents(edition=False).iloc[[0, 3]], ["国家安全"])
    assert table["count"].tolist() == [1, 0] and (table["counted_as"] == "text").all()


def test_short_titles_are_cut_between_words():
    """Labels of documents without a genre name and contrast labels: cut between words with "…", never inside
    one (the reports once read 奋勇前 and 国人大常委会)."""
    title = "第十三届全国人民代表大会第二次会议关于政府工作报告的决议"
    assert textstat.short_title(title, 16) == "第十三届全国人民代表大会第二次…"
    assert textstat.short_title("朝着建成科技强国的宏伟目标奋勇前进", 16) == "朝着建成科技强国的宏伟目标…"
    assert textstat.short_title("全国人大常委会工作报告", 11) == "全国人大常委会工作报告"
    docs = pd.DataFrame({"doc_id": ["a"], "title": [title], "genre": [None], "date": [pd.NaT], "year": [2019]})
    assert textstat.document_labels(docs).item() == "2019 第十三届…"
