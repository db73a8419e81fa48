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


# --- keyness, checked against arithmetic done by hand -------------------------------------------------
# target: 甲 10, 乙 0, 丙 5 of N_t = 100 tokens; reference: 甲 2, 乙 8, 丙 5 of N_r = 200 tokens.

TARGET = pd.Series({"甲": 10, "乙": 0, "丙": 5})
REFERENCE = pd.Series({"甲": 2, "乙": 8, "丙": 5})


def _key(measure, **options):
    table = textstat.keyness(TARGET, REFERENCE, measure=measure, target_total=100, reference_total=200, **options)
    return table.set_index("term")


def test_g2_by_hand():
    row = _key("g2").loc["甲"]
    # a=10 b=2 c=90 d=198, N=300; E = 12·100/300 = 4, 12·200/300 = 8, 288·100/300 = 96, 288·200/300 = 192
    g2 = 2 * (10 * math.log(10 / 4) + 2 * math.log(2 / 8) + 90 * math.log(90 / 96) + 198 * math.log(198 / 192))
    assert math.isclose(row["statistic"], g2) and row["statistic"] > 0
    assert math.isclose(row["expected"], 4)
    from scipy.stats import chi2

    assert math.isclose(row["p_value"], chi2.sf(g2, 1))


def test_g2_zero_cell_and_negative_sign():
    row = _key("g2").loc["乙"]
    # a=0 (contributes 0), b=8, c=100, d=192; E12 = 8·200/300, E21 = 292·100/300, E22 = 292·200/300
    g2 = 2 * (8 * math.log(8 / (8 * 200 / 300)) + 100 * math.log(100 / (292 * 100 / 300))
              + 192 * math.log(192 / (292 * 200 / 300)))
    assert math.isclose(row["statistic"], -g2)


def test_g2_williams_correction():
    row = _key("g2", correction="williams").loc["甲"]
    g2 = _key("g2").loc["甲", "statistic"]
    q = 1 + (300 / 12 + 300 / 288 - 1) * (300 / 100 + 300 / 200 - 1) / (6 * 300)
    assert math.isclose(row["statistic"], g2 / q)


def test_chi2_with_quanteda_yates_rule():
    table = _key("chi2")
    # 甲: |ad − bc| = |1980 − 180| = 1800 ≥ N/2 = 150 and E11 = 4 < 5, so δ = 0.5:
    # χ² = 300 · (1800 − 150)² / (12 · 288 · 100 · 200)
    assert math.isclose(table.loc["甲", "statistic"], 300 * 1650 ** 2 / (12 * 288 * 100 * 200))
    # 丙: a=5 b=5 c=95 d=195, |975 − 475| = 500 ≥ 150 and E11 = 10·100/300 = 3.33 < 5 → corrected;
    # a = 5 > E11, so the sign is +
    assert math.isclose(table.loc["丙", "statistic"], 300 * (500 - 150) ** 2 / (10 * 290 * 100 * 200))
    uncorrected = _key("chi2", correction="none")
    assert math.isclose(uncorrected.loc["甲", "statistic"], 300 * 1800 ** 2 / (12 * 288 * 100 * 200))


def test_chi2_without_small_cells_is_not_corrected():
    big_t, big_r = pd.Series({"甲": 60}), pd.Series({"甲": 40})
    row = textstat.keyness(big_t, big_r, measure="chi2", target_total=1000, reference_total=1000).iloc[0]
    # a=60 b=40 c=940 d=960, all expected counts ≥ 50: δ = 0
    assert math.isclose(row["statistic"], 2000 * (60 * 960 - 40 * 940) ** 2 / (100 * 1900 * 1000 * 1000))


def test_log_ratio_with_zero_replaced_by_half():
    table = _key("log_ratio")
    assert math.isclose(table.loc["甲", "statistic"], math.log2((10 / 100) / (2 / 200)))
    assert math.isclose(table.loc["乙", "statistic"], math.log2((0.5 / 100) / (8 / 200)))
    assert table.index.tolist() == ["甲", "丙", "乙"]  # sorted by statistic


def test_log_odds_dirichlet_with_pooled_prior():
    row = _key("log_odds_dirichlet").loc["甲"]
    # pooled counts 甲 12, 乙 8, 丙 10: α_甲 = 12, α0 = 30
    delta = math.log((10 + 12) / (100 + 30 - 10 - 12)) - math.log((2 + 12) / (200 + 30 - 2 - 12))
    variance = 1 / (10 + 12) + 1 / (2 + 12)
    assert math.isclose(row["delta"], delta) and math.isclose(row["variance"], variance)
    assert math.isclose(row["z"], delta / math.sqrt(variance)) and row["statistic"] == row["z"]
    from scipy.stats import norm

    assert math.isclose(row["p_value"], 2 * norm.sf(abs(row["z"])))


def test_log_odds_dirichlet_with_a_background_prior():
    background = pd.Series({"甲": 50, "乙": 30})  # 丙 absent: Laplace smoothing gives it (0 + 1)/(80 + 3)
    row = _key("log_odds_dirichlet", prior=background, prior_scale=10).loc["丙"]
    alpha = 10 * (0 + 1) / (80 + 3)
    delta = math.log((5 + alpha) / (100 + 10 - 5 - alpha)) - math.log((5 + alpha) / (200 + 10 - 5 - alpha))
    assert math.isclose(row["delta"], delta)


def test_keyness_min_count_and_errors():
    assert _key("g2", min_count=11).index.tolist() == ["甲"]
    with pytest.raises(ValueError, match="unknown measure"):
        textstat.keyness(TARGET, REFERENCE, measure="pmi")
    with pytest.raises(ValueError, match="non-empty"):
        textstat.keyness(pd.Series(dtype=float), REFERENCE)


def test_keyness_by_section_finds_talent_in_part_four(seed, words):
    table = textstat.keyness_by(textstat.annotate(words, seed, ["section"]), "section", min_count=3)
    fourth = table[table["group"] == "第四"].iloc[0]
    assert fourth["term"] == "人才" and fourth["statistic"] > 10
    assert set(table["group"]) == {"opening", "第一", "第二", "第三", "第四", "第五", "closing"}
    assert textstat.keyness_by(textstat.annotate(words, seed, ["genre"]), "genre", within=None).empty


def test_similarity_matrix(seed, words):
    sim = textstat.similarity(textstat.annotate(words, seed, ["section"]), by="section")
    assert list(sim.index) == list(sim.columns) and len(sim) == 7
    assert all(math.isclose(sim.loc[s, s], 1) for s in sim.index)
    assert ((sim.to_numpy() > 0) & (sim.to_numpy() <= 1.0000001)).all()


def test_mattr_by_hand():
    assert math.isclose(textstat.mattr(list("aabbcc"), window=2), (0.5 + 1 + 0.5 + 1 + 0.5) / 5)
    assert textstat.mattr(list("ab"), window=5) == 1.0
    assert math.isnan(textstat.mattr([], window=5))


def test_style_per_section(seed, words):
    table = textstat.style(seed, words, by="section").set_index("section")
    assert table["n_sentences"].sum() == len(seed.sentences)
    assert table.loc["opening", "enumerations"] == 1 and table["enumerations"].sum() == 1
    assert 0 < table.loc["closing", "directive_share"] < table.loc["第一", "directive_share"] <= 1
    assert (table["mattr"].between(0, 1)).all()
    first = seed.sentences[seed.paragraphs.set_index("para_no").loc[seed.sentences["para_no"], "section"].to_numpy()
                           == "第一"]
    assert math.isclose(table.loc["第一", "mean_sentence_chars"], first["n_chars"].mean())
