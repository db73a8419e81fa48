"""The bad-option catalogue: every bad option of an analysis verb fails at once with a ParameterError naming it.

ParameterError subclasses ValueError, and a missing column (ColumnError) also KeyError, so callers who
catch the broader errors keep working.
"""

from __future__ import annotations

import numpy as np
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


@pytest.mark.parametrize("name, call", [
    ("window", lambda seed, words: explore.kwic(seed, "人才", window=-1)),
    ("window", lambda seed, words: explore.kwic(seed, "人才", window="5")),
    ("window", lambda seed, words: explore.concordance(seed, window=-1)),
    ("max_rows", lambda seed, words: explore.concordance(seed, max_rows=0)),
    ("top_n", lambda seed, words: explore.keyness(seed, words, top_n=0)),
    ("min_count", lambda seed, words: explore.keyness(seed, words, min_count=-1)),
    ("top_n", lambda seed, words: explore.sides(pd.DataFrame({"statistic": [1.0]}), top_n=-2)),
    ("min_count", lambda seed, words: explore.group_keyness(words, by="section", target=["第一"], min_count="3")),
    ("top_n", lambda seed, words: themes.cooccurrence(words, top_n=0)),
    ("min_count", lambda seed, words: themes.cooccurrence(words, min_count=-1)),
    ("min_length", lambda seed, words: themes.cooccurrence(words, min_length=0)),
    ("random_state", lambda seed, words: themes.network(pd.DataFrame(), random_state="x")),
    ("top_n", lambda seed, words: themes.keywords(words, top_n=-1)),
    ("span", lambda seed, words: themes.keywords(words, span=1)),
    ("min_length", lambda seed, words: themes.keywords(words, min_length="2")),
    ("max_tokens", lambda seed, words: themes.keyterms.in_memory(words, max_tokens=0)),
    ("dominant", lambda seed, words: themes.drivers(seed.paragraphs, dominant=2)),
    ("dominant", lambda seed, words: themes.pool_drivers(pd.DataFrame(), pd.Series(dtype=str), dominant=-0.1)),
    ("min_count", lambda seed, words: textstat.keyness_by(words, "section", min_count=-1)),
    ("min_count", lambda seed, words: textstat.keyness(words["token"].value_counts(), words["token"].value_counts(),
                                                       min_count=None)),
], ids=lambda value: value if isinstance(value, str) else "")
def test_counts_and_sizes_are_checked(seed, words, name, call):
    _named(lambda: call(seed, words), f"{name}=")


def test_numpy_numbers_are_numbers():
    assert validate.check_int("top_n", np.int64(3), min_value=1) == 3
    assert validate.check_number("min_count", np.int32(2), min_value=0) == 2.0
    for bad in (np.bool_(True), True, 2.0, "2"):
        _named(lambda bad=bad: validate.check_int("top_n", bad), "top_n=")
