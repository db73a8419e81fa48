"""textstat.lookup: dictionary categories counted per document or group, on the bundled speech and the development
corpus, in memory and on disk, each checked against counts made by hand from the text and the tokens."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import SPEECH
from pandas.testing import assert_frame_equal

from helpers import dictionary, textstat
from helpers.config import lexicon
from helpers.errors import ParameterError
from helpers.findings.dictionaries import dictionary_summary
from helpers.textplot.dictionaries import category_rates
from helpers.textstat.lookup import lookup, lookup_terms
from helpers.textstat.works import later_editions

BOOK = pd.DataFrame({
    "category": ["强国", "强国", "自强", "自强", "自强", "创新", "实验室", "实验室"],
    "term": ["强国", "科技强国", "自立自强", "科技自立自强", "高水平科技自立自强", "科技 创新", "实验室", "国家实验室"],
})


def _speech(store):
    return store.memory.corpus.paragraphs.query("doc_id == @SPEECH")["text"].str.cat()


def _of(table: pd.DataFrame, doc_id: str) -> pd.Series:
    return table[table["doc_id"] == doc_id].set_index("category")["count"]


def test_lookup_counts_the_speech_as_checked_by_hand(store):
    """On the bundled speech: 强国 is never a token (16 in the text, 10 of them inside the token 科技强国), so the
    category 强国 counts 16, not 26; 自立自强 nested in two longer tokens counts 5 positions once each; the
    multi-word entry 科技 创新 (the segmenter splits 科技创新) counts its 18 occurrences in the text."""
    text = _speech(store)
    words = store.memory.tokens.query("doc_id == @SPEECH")
    assert text.count("强国") == 16 and text.count("科技强国") == 10 and (words["token"] == "科技强国").sum() == 10
    assert not (words["token"] == "强国").any() and not (words["token"] == "科技创新").any()
    got = _of(lookup(store.tokens, BOOK, corpus=store.corpus), SPEECH)
    assert got["强国"] == text.count("强国") == 16
    assert got["自强"] == text.count("自立自强") == 5
    assert (words["token"].isin(["自立自强", "科技自立自强", "高水平科技自立自强"])).sum() == 5
    assert got["创新"] == text.count("科技创新") == 18
    assert got["实验室"] == text.count("实验室") == 1  # 实验室 only inside 国家实验室: once


def test_lookup_terms_say_how_each_term_was_counted(store):
    terms = lookup_terms(store.tokens, BOOK, corpus=store.corpus)
    speech = terms[terms["doc_id"] == SPEECH].set_index(["category", "term"])
    assert speech.loc[("强国", "强国"), "count"] == 6 and speech.loc[("强国", "强国"), "counted_as"] == "text"
    assert speech.loc[("强国", "科技强国"), "count"] == 10 and speech.loc[("强国", "科技强国"), "counted_as"] == "token"
    assert speech.loc[("创新", "科技创新"), "counted_as"] == "text"
    summed = terms.groupby(["doc_id", "category"])["count"].sum()
    table = lookup(store.tokens, BOOK, corpus=store.corpus).set_index(["doc_id", "category"])["count"]
    assert (table[table > 0] == summed.reindex(table[table > 0].index)).all()


def test_lookup_rates_and_zeros(store):
    table = lookup(store.tokens, BOOK, corpus=store.corpus)
    assert list(table.columns) == ["doc_id", "category", "count", "n_words", "per_10k"]
    assert len(table) == len(store.documents) * BOOK["category"].nunique()  # every document and category
    row = table[(table["doc_id"] == SPEECH) & (table["category"] == "强国")].iloc[0]
    words = textstat.frequency(store.memory.tokens, by="doc_id", stopwords=False).query("doc_id == @SPEECH")
    creation = words.iloc[0]  # its per_10k is count / the document's word tokens
    assert row["n_words"] == pytest.approx(creation["count"] / creation["per_10k"] * 10_000)
    assert row["per_10k"] == pytest.approx(row["count"] / row["n_words"] * 10_000)


def test_lookup_is_the_same_in_memory_and_on_disk(store):
    book = dictionary.read(lexicon("themes.csv"))
    got, reference = store.against_memory(lambda s: lookup(s.tokens, book, corpus=s.corpus))
    assert_frame_equal(got.reset_index(drop=True), reference.reset_index(drop=True), check_dtype=False)
    assert reference["count"].sum() > 0


def test_lookup_by_year_counts_each_work_once(store):
    """The speech and its later edition (both 2024): by year, 2024 holds the speech once."""
    by_doc = lookup(store.tokens, BOOK, corpus=store.corpus)
    by_year = lookup(store.annotate(["year"]), BOOK, by="year", corpus=store.corpus)
    year = by_year[by_year["year"] == 2024].set_index("category")
    speech = by_doc[by_doc["doc_id"] == SPEECH].set_index("category")
    assert (year["count"] == speech["count"]).all() and (year["n_words"] == speech["n_words"]).all()


def test_a_split_term_in_the_development_corpus_is_counted_in_the_text(extended_store):
    """国家安全 is never one token (国家 + 安全): lookup counts each occurrence in each document's text."""
    memory = extended_store.memory
    assert "国家安全" not in set(memory.tokens["token"])
    book = pd.DataFrame({"category": ["安全", "安全"], "term": ["国家安全", "国家安全体系"]})
    table = lookup(extended_store.tokens, book, corpus=extended_store.corpus)
    texts = memory.corpus.paragraphs.groupby("doc_id")["text"].agg("".join)
    expected = texts.str.count("国家安全")
    got = table.set_index("doc_id")["count"].reindex(expected.index)
    assert expected.sum() > 0 and (got == expected).all()


def test_lookup_refuses_a_wildcard_inside_a_term(store):
    book = pd.DataFrame({"category": ["x"], "term": ["科*技"]})
    with pytest.raises(ParameterError, match="科\\*技"):
        lookup(store.tokens, book, corpus=store.corpus)


def test_a_glob_counts_the_tokens_it_prefixes(store):
    book = pd.DataFrame({"category": ["创新", "创新"], "term": ["创新*", "创新能力"]})
    words = store.memory.tokens.query("doc_id == @SPEECH")["token"]
    got = _of(lookup(store.tokens, book, corpus=store.corpus), SPEECH)
    assert got["创新"] == words.str.startswith("创新").sum() > 37  # 创新能力 matched by both, counted once


def test_the_findings_and_the_figure_follow_the_table(store):
    """The summary ranks the categories by their pooled rate (each work once) and names the split terms; the
    figure has a row per category and a column per document."""
    book = dictionary.read(lexicon("themes.csv"))
    table = lookup(store.tokens, book, corpus=store.corpus)
    terms = lookup_terms(store.tokens, book, corpus=store.corpus)
    text = str(dictionary_summary(table, terms=terms, documents=store.documents))
    later = set(store.documents.loc[later_editions(store.documents), "doc_id"])
    once = table[~table["doc_id"].isin(later)]
    assert later and len(once) < len(table)
    pooled = once.groupby("category")["count"].sum() / once.drop_duplicates("doc_id")["n_words"].sum()
    first, last = pooled.idxmax(), pooled[pooled > 0].idxmin()
    assert text.index(first) < text.index(last) and "later edition" in text
    split = terms.loc[terms["counted_as"] == "text", "term"]
    assert len(split) and split.iloc[0] in text  # named as counted in the text
    figure = category_rates(table)
    ax = figure.axes[0]
    assert len(ax.get_yticks()) == book["category"].nunique() and len(ax.get_xticks()) == len(store.documents)
    speech = category_rates(table[table["doc_id"] == SPEECH])
    assert len(speech.axes[0].patches) == book["category"].nunique()  # one bar per category for one document


def test_a_corpus_is_segmented_and_counted_like_its_tokens(store):
    got = lookup(store.corpus, BOOK)
    assert_frame_equal(got, lookup(store.tokens, BOOK, corpus=store.corpus), check_dtype=False)


def test_the_validation_sample_is_the_same_in_memory_and_on_disk(store, tmp_path):
    book = dictionary.read(lexicon("themes.csv"))
    got, reference = store.against_memory(
        lambda s: dictionary.validation_sample(s.corpus, book, n=3, random_state=5, folder=tmp_path / s.storage))
    assert_frame_equal(got, reference)
    assert len(reference) == 3 * book["category"].nunique()
