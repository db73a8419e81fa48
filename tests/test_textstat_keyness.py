"""helpers.textstat.keyness: keyness measures checked against arithmetic done by hand, and keyness_by."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from conftest import LISTS, SPEECH
from pandas.testing import assert_frame_equal, assert_series_equal

from helpers import corpus, textstat, tokens

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


def test_chi2_williams_divides_by_q_without_yates():
    # The textbook Williams correction: δ = 0 and the statistic divided by q (quanteda's keyness.cpp sets δ = 0
    # too but divides the denominator by q, i.e. multiplies the statistic by q: see the test on real counts below).
    # 甲: a=10 b=2 c=90 d=198, N=300, |ad − bc| = 1800; q = 1 + (300/12 + 300/288 − 1)(300/100 + 300/200 − 1)/1800
    q = 1 + (300 / 12 + 300 / 288 - 1) * (300 / 100 + 300 / 200 - 1) / (6 * 300)
    plain = 300 * 1800 ** 2 / (12 * 288 * 100 * 200)  # 14.0625
    williams = _key("chi2", correction="williams").loc["甲", "statistic"]
    assert math.isclose(williams, plain / q)  # 14.0625 / 1.04869 = 13.4096
    assert math.isclose(williams, 13.4096, abs_tol=1e-4)
    assert not math.isclose(williams, _key("chi2").loc["甲", "statistic"])  # the Yates value, 11.8164
    # 乙 has a zero cell (a = 0): q = 1, so Williams equals the uncorrected χ²
    assert math.isclose(_key("chi2", correction="williams").loc["乙", "statistic"],
                        _key("chi2", correction="none").loc["乙", "statistic"])
    with pytest.raises(ValueError, match="unknown correction"):
        _key("chi2", correction="william")
    with pytest.raises(ValueError, match="never Yates"):
        _key("g2", correction="yates")


def test_chi2_williams_times_q_squared_is_quanteda_on_real_counts(extended_store):
    """2019 against 2014 work report: our Williams-corrected χ² × q² is quanteda's (keyness.cpp divides the
    denominator by q), and our G² with Williams is G² / q as quanteda's ``lr``; the two χ² differ by q² > 1."""
    words = extended_store.with_stopwords(LISTS).tokens
    target = textstat.counts(tokens.of_documents(words, "2019-03-05_gwr-2019"))
    reference = textstat.counts(tokens.of_documents(words, "2014-03-05_gwr-2014"))
    ours = textstat.keyness(target, reference, measure="chi2", correction="williams").set_index("term")
    plain = textstat.keyness(target, reference, measure="chi2", correction="none").set_index("term")
    g2 = textstat.keyness(target, reference, measure="g2", correction="williams").set_index("term")
    g2_plain = textstat.keyness(target, reference, measure="g2", correction="none").set_index("term")
    n_t, n_r = float(target.sum()), float(reference.sum())
    terms = ours.index
    a, b = ours["target"].to_numpy(float), ours["reference"].to_numpy(float)
    c, d = n_t - a, n_r - b
    n = a + b + c + d
    with np.errstate(divide="ignore"):
        q = 1 + (n / (a + b) + n / (c + d) - 1) * (n / (a + c) + n / (b + d) - 1) / (6 * n)
    q = np.where(a * b * c * d == 0, 1.0, q)
    # quanteda's chi2 with correction = "williams", written out: N (ad − bc)² over (the margins' product / q)
    quanteda = n * (a * d - b * c) ** 2 / ((a + b) * (c + d) * (a + c) * (b + d) / q)
    value = ours["statistic"].abs().to_numpy()
    np.testing.assert_allclose(value * q ** 2, quanteda, rtol=1e-9)
    np.testing.assert_allclose(value * q, plain.loc[terms, "statistic"].abs().to_numpy(), rtol=1e-9)
    np.testing.assert_allclose(g2.loc[terms, "statistic"].to_numpy() * q, g2_plain.loc[terms, "statistic"].to_numpy(),
                               rtol=1e-9)
    both = (a > 0) & (b > 0)
    assert both.sum() > 500 and (q[both] > 1).all()  # where both reports use a term the two corrections differ
    assert q[list(terms).index("风险")] > 1


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
    # pooled counts 甲 12, 乙 8, 丙 10: π_甲 = 12/30; the prior weighs a tenth of each side:
    # α0t = 0.1 · 100 = 10, α_t = 10 · 12/30 = 4; α0r = 0.1 · 200 = 20, α_r = 20 · 12/30 = 8
    delta = math.log((10 + 4) / (100 + 10 - 10 - 4)) - math.log((2 + 8) / (200 + 20 - 2 - 8))
    variance = 1 / (10 + 4) + 1 / (2 + 8)
    assert math.isclose(row["delta"], delta) and math.isclose(row["variance"], variance)
    assert math.isclose(row["z"], delta / math.sqrt(variance)) and row["statistic"] == row["z"]
    from scipy.stats import norm

    assert math.isclose(row["p_value"], 2 * norm.sf(abs(row["z"])))
    # a fixed prior_scale gives both sides the same α0 (Monroe et al.'s formulation)
    fixed = _key("log_odds_dirichlet", prior_scale=30).loc["甲"]
    assert math.isclose(fixed["delta"], math.log((10 + 12) / (100 + 30 - 10 - 12))
                        - math.log((2 + 12) / (200 + 30 - 2 - 12)))


def test_log_odds_informative_at_corpus_scale(extended_store):
    """2019 against 2014 work report: terms absent on one side, and 风险 (22 : 3), reach |z| > 1.96.

    With the old prior (α = the pooled counts themselves) the largest |z| of the whole table was 2.28 and
    风险 had z = 1.94, while G² gives 13.3 (√G² ≈ 3.65)."""
    words = extended_store.with_stopwords(LISTS).tokens
    target = textstat.counts(tokens.of_documents(words, "2019-03-05_gwr-2019"))
    reference = textstat.counts(tokens.of_documents(words, "2014-03-05_gwr-2014"))
    table = textstat.keyness(target, reference, measure="log_odds_dirichlet", min_count=3).set_index("term")
    assert (table.loc["风险", ["target", "reference"]] == [22, 3]).all()
    assert table.loc["风险", "z"] > 2.5
    assert table.loc["文化", "z"] < -3  # 5 : 24
    assert table.loc["制造业", "z"] > 1.96 and table.loc["制造业", "reference"] == 0
    assert (table["z"].abs() > 1.96).sum() >= 10
    # both measures put 风险 first (G² 13.3) and 文化 last (G² −17.0)
    g2 = textstat.keyness(target, reference, measure="g2", min_count=3)
    assert g2["term"].iloc[0] == table.index[0] == "风险" and g2["term"].iloc[-1] == table.index[-1] == "文化"


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


def test_keyness_by_section_finds_talent_in_part_four(store):
    speech = store.select(SPEECH)
    table = textstat.keyness_by(speech.annotate(["section"]), "section", min_count=3)
    fourth = table[table["group"] == "第四"].iloc[0]
    assert fourth["term"] == "人才" and fourth["statistic"] > 10
    assert set(table["group"]) == {"opening", "第一", "第二", "第三", "第四", "第五", "closing"}
    assert textstat.keyness_by(speech.annotate(["genre"]), "genre", within=None).empty


def test_nested_counts_find_a_formulation_inside_longer_tokens(extended_store):
    # the 2016 speech never has 科技强国 as a token: the dictionary keeps 建设世界科技强国 and 世界科技强国 whole
    speech = "2016-05-30_xi_build-world-st-power"
    store = extended_store.with_stopwords(LISTS).select(speech)
    words, paragraphs = store.memory.tokens, store.memory.paragraphs
    text = "".join(paragraphs["text"])
    assert (words["token"] == "科技强国").sum() == 0 and text.count("科技强国") == 11
    found = textstat.nested_counts(store.tokens)
    assert found["科技强国"] == 11  # token count 0 + nested 11 = the string count
    assert found["世界科技强国"] + (words["token"] == "世界科技强国").sum() == text.count("世界科技强国")


def test_keyness_between_reports_nested_formulations(extended_store):
    speech = "2016-05-30_xi_build-world-st-power"
    contrast = textstat.choose_contrast(extended_store.documents, target=speech,
                                        reference="2024-06-24_xi_kejiqiangguo")
    words = extended_store.with_stopwords(LISTS).tokens
    table = textstat.keyness_between(words, contrast, min_count=1).set_index("term")
    row = table.loc["科技强国"]
    assert row["target"] == 11 and row["target_nested"] == 11  # not reported as absent
    bare = textstat.keyness_between(words, contrast, min_count=1, nested=False).set_index("term")
    assert bare.loc["科技强国", "target"] == 0 and "target_nested" not in bare.columns


def test_counts_and_keyness_between_equal_the_in_memory_reference(every_store):
    got, expected = every_store.against_memory(lambda s: textstat.counts(s.tokens).sort_index())
    assert_series_equal(got, expected, check_dtype=False)
    contrast = textstat.choose_contrast(every_store.documents)
    for measure in ("g2", "log_odds_dirichlet"):
        for nested in (False, True):  # nested formulation counts from the token types counted on disk
            got, expected = every_store.against_memory(
                lambda s, measure=measure, nested=nested: textstat.keyness_between(s.tokens, contrast, measure=measure,
                                                                                   nested=nested))
            assert_frame_equal(got, expected, check_dtype=False)
            assert not nested or expected["target_nested"].sum() > 0  # the nested counts are exercised


def test_keyness_between_years_of_a_selection(every_store):
    """Counts of the documents of some years (``Store.select``: a dataset's ``subset``) against the others."""
    documents = every_store.documents
    years = sorted(documents["year"].dropna().unique())
    early, late = years[: len(years) // 2], years[len(years) // 2:]
    in_memory = every_store.memory.tokens.merge(documents[["doc_id", "year"]], on="doc_id")
    expected = textstat.keyness(textstat.counts(in_memory[in_memory["year"].isin(early)]),
                                textstat.counts(in_memory[in_memory["year"].isin(late)]))
    assert len(expected)
    chosen = [every_store.select(documents.loc[documents["year"].isin(part), "doc_id"]) for part in (early, late)]
    got = textstat.keyness(textstat.counts(chosen[0].tokens), textstat.counts(chosen[1].tokens))
    assert_frame_equal(got, expected, check_dtype=False)


@pytest.mark.parametrize("name", ["multi_disk", "extended_disk"])
def test_keyness_of_a_dataset_selected_by_year(request, name):
    """A dataset selected by a document column (``subset(year=…)``) counts the same as those documents in memory."""
    store = request.getfixturevalue(name)
    years = sorted(store.documents["year"].dropna().unique())
    early, late = years[: len(years) // 2], years[len(years) // 2:]
    in_memory = store.memory.tokens.merge(store.documents[["doc_id", "year"]], on="doc_id")
    expected = textstat.keyness(textstat.counts(in_memory[in_memory["year"].isin(early)]),
                                textstat.counts(in_memory[in_memory["year"].isin(late)]))
    got = textstat.keyness(textstat.counts(store.tokens.subset(year=early)),
                           textstat.counts(store.tokens.subset(year=late)))
    assert_frame_equal(got, expected, check_dtype=False)


@pytest.mark.parametrize("by, within", [("section", "doc_id"), ("genre", None), ("year", None), ("section", None)])
def test_keyness_by_equals_the_in_memory_reference(extended_store, by, within):
    got, expected = extended_store.with_stopwords(LISTS).against_memory(
        lambda s: textstat.keyness_by(s.annotate([by]), by, min_count=3, within=within))
    assert len(expected)
    assert_frame_equal(got, expected, check_dtype=False, check_categorical=False)


def test_keyness_by_of_one_document_equals_the_in_memory_reference(extended_store):
    focus = textstat.choose_contrast(extended_store.documents).target[0]
    got, expected = extended_store.with_stopwords(LISTS).against_memory(
        lambda s: textstat.keyness_by(textstat.annotate(tokens.of_documents(s.tokens, [focus]), s.corpus, ["section"]),
                                      "section", min_count=3))
    assert len(expected)
    assert_frame_equal(got, expected, check_dtype=False, check_categorical=False)


def test_keyness_by_pooled_groups_counts_each_work_once(store):
    """Years against the rest of the corpus: a later edition is neither in its year nor in the reference."""
    works = corpus.first_editions(store.memory.documents)["doc_id"].tolist()
    got = textstat.keyness_by(store.annotate(["year"]), "year", min_count=3, within=None, corpus=store.corpus)
    expected = textstat.keyness_by(store.select(works).annotate(["year"]), "year", min_count=3, within=None)
    assert list(dict.fromkeys(got["group"])) == [2019, 2022, 2024]
    assert_frame_equal(got, expected, check_dtype=False)
