"""helpers.textstat: frequency lists, n-grams, collocations, KWIC and dispersion on real text."""

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
    by_section = textstat.frequency(annotated, groups="section")
    total = textstat.frequency(words).set_index("term")["count"]
    assert by_section.groupby("term")["count"].sum().sort_index().equals(total.sort_index())
    assert by_section["section"].drop_duplicates().tolist() == ["opening", "第一", "第二", "第三", "第四", "第五", "closing"]
    fourth = by_section[by_section["section"] == "第四"].iloc[0]
    assert (fourth["term"], fourth["rank"]) == ("人才", 1)
    by_year = textstat.frequency(annotated, groups=["year"])
    assert set(by_year["year"]) == {2024}


def test_frequency_explains_a_missing_group_column(words):
    with pytest.raises(KeyError, match=r"textstat.annotate\(tokens, corpus, \['section'\]\)"):
        textstat.frequency(words, groups="section")


def test_ngrams_stay_within_sentences_and_skip_punctuation(words):
    bigrams = textstat.ngrams(words, n=2, min_count=2)
    assert bigrams.iloc[0]["ngram"] == "科技 创新"
    assert bigrams.iloc[0]["count"] == 18
    trigrams = textstat.ngrams(words, n=3, min_count=2)
    assert all(len(g.split()) == 3 for g in trigrams["ngram"])
    assert not bigrams["ngram"].str.contains("，|。").any()


def test_ngrams_do_not_cross_a_sentence_end():
    toks = pd.DataFrame({"doc_id": "d", "para_no": 1, "sent_no": [1, 1, 2, 2], "token_no": [1, 2, 3, 4],
                         "token": ["科技", "创新", "人才", "培养"], "pos": "n", "start": [0, 2, 4, 6],
                         "end": [2, 4, 6, 8], "is_stop": False})
    assert textstat.ngrams(toks, n=2, min_count=1)["ngram"].tolist() == ["人才 培养", "科技 创新"]


def test_collocation_scores_by_hand():
    # 10 adjacent pairs; (甲,乙) 3 times; 甲 is first in 4 pairs, 乙 second in 3.
    pairs = [("甲", "乙")] * 3 + [("甲", "丙")] + [("丁", "戊")] * 6
    rows = []
    for k, (a, b) in enumerate(pairs):
        rows += [(k + 1, a), (k + 1, b)]
    toks = pd.DataFrame({"doc_id": "d", "para_no": 1, "sent_no": [r[0] for r in rows],
                         "token_no": range(1, len(rows) + 1), "token": [r[1] for r in rows], "pos": "n",
                         "start": 0, "end": 1, "is_stop": False})
    table = textstat.collocations(toks, min_count=1).set_index("collocation")
    row = table.loc["甲乙"]
    assert (row["count"], row["count_w1"], row["count_w2"]) == (3, 4, 3)
    assert math.isclose(row["pmi"], math.log2(3 * 10 / (4 * 3)))
    # G² over the table [[3, 1], [0, 6]] with expected [[1.2, 2.8], [1.8, 4.2]]:
    g2 = 2 * (3 * math.log(3 / 1.2) + 1 * math.log(1 / 2.8) + 6 * math.log(6 / 4.2))
    assert math.isclose(row["g2"], g2)


def test_kwic_string_and_token_modes(seed, words):
    hits = textstat.kwic(seed.paragraphs, "自立自强")
    assert len(hits) == 5
    assert list(hits.columns) == ["doc_id", "section", "para_no", "start", "end", "left", "match", "right"]
    text = seed.paragraphs.set_index("para_no")["text"]
    for row in hits.itertuples():
        assert text[row.para_no][row.start:row.end] == "自立自强"
        assert text[row.para_no][:row.start].endswith(row.left)
    token_hits = textstat.kwic(seed.paragraphs, "科技自立自强", tokens=words)
    assert len(token_hits) == 1 and token_hits.iloc[0]["section"] == "opening"
    regex = textstat.kwic(seed.paragraphs, r"第[一二三四五]，", regex=True)
    assert regex["match"].tolist() == ["第一，", "第二，", "第三，", "第四，", "第五，"]
    assert textstat.kwic(seed.paragraphs, "不存在的词").empty


def test_dispersion_positions(seed):
    hits = textstat.dispersion(seed.paragraphs, ["新质生产力", "人才"])
    assert (hits["term"] == "人才").sum() == 29
    row = hits[hits["term"] == "新质生产力"].iloc[0]
    assert row["section"] == "第二"
    body = "".join(seed.paragraphs["text"])
    assert body[row["offset"]:row["offset"] + 5] == "新质生产力"
    assert 0 <= hits["position"].min() and hits["position"].max() <= 1


def test_section_bounds_tile_each_document(seed):
    bounds = textstat.section_bounds(seed.paragraphs)
    assert bounds["start"].iloc[0] == 0 and math.isclose(bounds["end"].iloc[-1], 1)
    assert (bounds["start"].iloc[1:].to_numpy() == bounds["end"].iloc[:-1].to_numpy()).all()


def test_sections_table(seed):
    table = textstat.sections(seed.paragraphs)
    assert table["n_paragraphs"].tolist() == [9, 1, 3, 2, 4, 2, 5]
    assert table["n_chars"].sum() == seed.paragraphs["n_chars"].sum()
    assert table.set_index("section").loc["第二", "heading"] == "第二，扎实推动科技创新和产业创新深度融合，助力发展新质生产力。"


def test_annotate_rejects_unknown_columns(seed, words):
    with pytest.raises(KeyError, match="no paragraph or document column"):
        textstat.annotate(words, seed, ["colour"])
