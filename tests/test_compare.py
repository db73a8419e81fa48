"""helpers.compare and helpers.reference: choosing contrasts; general Chinese as reference."""

from __future__ import annotations

import jieba
import pytest

from helpers import compare, reference, textstat, tokens


@pytest.fixture(scope="module")
def extended_words(extended):
    return textstat.annotate(tokens.segment(extended.paragraphs), extended, ["section", "genre"])


def test_single_document_is_compared_with_general_chinese(seed):
    contrast = compare.choose(seed.documents)
    assert contrast.target == ("2024-06-24_xi_kejiqiangguo",) and contrast.general
    assert "one document" in contrast.reason
    assert compare.unit(seed) == "section"


def test_latest_document_against_same_genre(extended):
    contrast = compare.choose(extended.documents)
    assert contrast.target == ("2024-06-24_xi_kejiqiangguo",)
    assert contrast.reference == ("2016-05-30_xi_build-world-st-power",)
    assert compare.unit(extended) == "doc_id"
    with pytest.raises(ValueError, match="no document with doc_id 'nope'"):
        compare.choose(extended.documents, target="nope")


@pytest.mark.parametrize("measure", ["g2", "chi2", "log_ratio", "log_odds_dirichlet"])
def test_2024_formulations_are_key_against_2016(extended, extended_words, measure):
    table = compare.documents(extended_words, compare.choose(extended.documents), measure=measure, min_count=1)
    table = table.set_index("term")
    for term in ["科技自立自强", "中国式现代化"]:
        assert table.loc[term, "reference"] == 0 and table.loc[term, "target"] > 0
        assert table.loc[term, "statistic"] > 0, (term, measure)


def test_general_reference(seed):
    words = tokens.segment(seed.paragraphs)
    table = compare.versus_general(words, min_count=3).set_index("term")
    assert table.loc["科技", "source"] == "list"
    assert table.loc["科技强国", "source"] in {"list", "estimated"}
    assert table.loc["科技", "statistic"] > 0  # far more frequent in this speech than in general usage
    assert table["statistic"].is_monotonic_decreasing
    assert jieba.lcut("新质生产力") == ["新质", "生产力"]  # wordfreq's own jieba left the global one alone


def test_reference_frequencies_mark_estimates():
    table = reference.frequencies(["科技", "新质生产力", "2035"]).set_index("term")
    assert table.loc["科技", "source"] == "list" and 1e-5 < table.loc["科技", "frequency"] < 1e-2
    assert table.loc["新质生产力", "source"] == "estimated"
    counts = reference.counts(["科技"], size=1000)
    assert counts["科技"] == pytest.approx(table.loc["科技", "frequency"] * 1000)
