"""The bad-option catalogue: every bad option of an analysis verb fails at once with a ParameterError naming it.

ParameterError subclasses ValueError, and a missing column (ColumnError) also KeyError, so callers who
catch the broader errors keep working.
"""

from __future__ import annotations

import pandas as pd
import pytest

from helpers import cache, explore, fonts, formulations, textstat, themes, validate
from helpers.errors import ColumnError, ParameterError


@pytest.fixture(scope="module")
def counts(words):
    half = words["para_no"] <= words["para_no"].median()
    return (words[half].groupby("token").size().rename("count"), words[~half].groupby("token").size().rename("count"))


def _named(call, *names: str) -> str:
    """Run ``call``, which must raise ParameterError; every one of ``names`` must be in the message."""
    with pytest.raises(ParameterError) as info:
        call()
    for name in names:
        assert name in str(info.value), str(info.value)
    return str(info.value)


def test_keyness_options(counts):
    target, reference = counts
    assert "choose from 'g2'" in _named(lambda: textstat.keyness(target, reference, measure="g3"), "measure", "'g3'")
    assert "did you mean 'chi2'" in _named(lambda: textstat.keyness(target, reference, measure="chi3"), "measure")
    _named(lambda: textstat.keyness(target, reference, correction="bonferroni"), "correction", "'williams'")
    assert "never Yates" in _named(lambda: textstat.keyness(target, reference, correction="yates"), "correction")
    _named(lambda: textstat.keyness(target, reference, measure="log_odds_dirichlet", prior_share=0), "prior_share")
    _named(lambda: textstat.keyness(target, reference, measure="log_odds_dirichlet", prior_share=-1.5),
           "prior_share", "-1.5")
    _named(lambda: textstat.keyness(target, reference, target_total=0), "target_total")
    _named(lambda: textstat.keyness(target, reference, reference_total=-3), "reference_total")


def test_empty_counts_are_a_data_error_naming_the_side(counts):
    target, _ = counts
    with pytest.raises(ValueError, match="the reference counts are empty") as info:
        textstat.keyness(target, pd.Series(dtype="int64"))
    assert not isinstance(info.value, ParameterError)


def test_keyness_by_and_the_explorer_reject_unknown_measures(seed, words):
    _named(lambda: textstat.keyness_by(words, "section", measure="tfidf"), "measure")
    _named(lambda: explore.keyness(seed, words, measure="tf-idf"), "measure", "'tf-idf'")
    _named(lambda: explore.group_keyness(words, by="section", target=["第一"], measure="x"), "measure")


def test_choose_contrast_names_the_side_with_the_unknown_document(seed):
    message = _named(lambda: textstat.choose_contrast(seed.documents, target="nope"), "target", "'nope'")
    assert "no document with doc_id 'nope'" in message
    _named(lambda: textstat.choose_contrast(seed.documents, reference=["nope"]), "reference")


def test_theme_options(seed, words):
    _named(lambda: themes.matches(seed.paragraphs, nested="document"), "nested", "'document'")
    edges = themes.cooccurrence(words, top_n=20, min_count=2)
    _named(lambda: themes.network(edges, weight="pmi"), "weight", "'npmi'")
    _named(lambda: themes.keywords(words, by=[]), "by")


def test_a_missing_group_column_is_a_column_error_naming_the_parameter(seed, words):
    plain = words.drop(columns=["section"])
    for call in (lambda: themes.keywords(plain, by="section"),
                 lambda: explore.group_keyness(plain, by="section", target=["第一"]),
                 lambda: explore.group_values(seed, "colour")):
        with pytest.raises(ColumnError) as info:
            call()
        assert isinstance(info.value, KeyError) and isinstance(info.value, ParameterError)
        assert str(info.value).startswith("by=")  # plain text, not KeyError's quoted repr


def test_formulation_level(seed):
    _named(lambda: formulations.track(seed, level="variants"), "level", "'variant'")


def test_explorer_options(seed, words):
    _named(lambda: explore.kwic(seed, "人才", match="regex"), "match", "'string'")
    assert "needs the tokens table" in _named(lambda: explore.kwic(seed, "人才", match="token"), "tokens")
    _named(lambda: explore.concordance(seed, match="token"), "tokens")
    _named(lambda: explore.concordance(seed, match="regex"), "match")
    _named(lambda: explore.group_keyness(words, by="section", target=[]), "target")
    _named(lambda: explore.group_keyness(words, by="section", target=["第一"], reference=["第一", "第二"]),
           "target", "reference", "第一")
    message = _named(lambda: explore.group_keyness(words, by="section", target=["第一"], reference=["第九"]),
                     "reference", "第九")
    assert "reference group has no words" in message


def test_font_flavor_and_cache_modules():
    _named(lambda: fonts.subset("中文", flavor="ttf"), "flavor", "'woff2'")
    _named(lambda: cache.code_hash("helpers.no_such_module"), "modules", "helpers.no_such_module")


def test_validate_checkers():
    assert validate.check_positive("share", 0.5) == 0.5
    for bad in (0, -1, float("nan"), True, "1"):
        _named(lambda bad=bad: validate.check_positive("share", bad), "share")
    validate.check_given("tokens", pd.DataFrame(), because="match='token' needs it")
    assert "match='token' needs it" in _named(lambda: validate.check_given("tokens", None, because="match='token' needs it"),
                                              "tokens")
    validate.check_nonempty("target", ["a"])
    _named(lambda: validate.check_nonempty("target", []), "target")
    validate.check_disjoint("target", ["a"], "reference", ["b"])
    _named(lambda: validate.check_disjoint("target", ["a", 1], "reference", ["1"]), "target", "reference", "1")
    validate.check_known("target", ["a"], ["a", "b"], what="document with doc_id", counted="documents")
    message = _named(lambda: validate.check_known("target", ["c", "aa"], ["a", "b"], what="document with doc_id",
                                                         counted="documents"),
                     "target", "'c', 'aa'", "known: a, b")
    assert "no document with doc_id" in message
    table = pd.DataFrame({"section": [1]})
    validate.check_column("by", "section", table)
    with pytest.raises(ColumnError, match=r"by='year': the table has no column 'year'; add it with x"):
        validate.check_column("by", "year", table, hint="add it with x")
    many = [f"d{i}" for i in range(30)]
    assert "… (30 documents)" in _named(lambda: validate.check_known("reference", ["x"], many, what="document",
                                                                     counted="documents"), "reference")
