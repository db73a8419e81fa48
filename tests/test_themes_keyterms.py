"""helpers.themes.keyterms: keywords by TF-IDF and TextRank on our tokens."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from helpers import themes, tokens
from helpers.themes import keyterms

# --- keywords ----------------------------------------------------------------------------------


def test_tfidf_is_computed_on_our_tokens(words):
    table = themes.keywords(words, by="section", top_n=1000)
    assert list(table.columns) == ["section", "rank", "tfidf_term", "tfidf", "textrank_term", "textrank"]
    terms = set(table["tfidf_term"].dropna())
    assert "新质生产力" in terms and "高水平科技自立自强" in terms  # dictionary terms as whole keywords
    assert not {"新质", "生产力", "自立自强"} & terms  # … never their parts
    content = words[~words["is_stop"] & words["pos"].isin(themes.KEYWORD_POS) & (words["token"].str.len() >= 2)]
    assert terms <= set(content["token"])
    # an independent TF-IDF: smooth idf, l2-normalised rows, each section a document
    counts = content.groupby(["section", "token"], observed=True).size()
    n = content["section"].nunique()
    df = content.groupby("token")["section"].nunique()
    raw = counts * counts.index.get_level_values("token").map(lambda t: math.log((1 + n) / (1 + df[t])) + 1)
    expected = raw / np.sqrt((raw**2).groupby(level="section", observed=True).sum())
    got = table.dropna(subset=["tfidf_term"]).set_index(["section", "tfidf_term"])["tfidf"]
    assert math.isclose(got[("第四", "人才")], expected[("第四", "人才")])
    assert len(got) == len(expected)
    first = table[table["rank"] == 1].set_index("section")["tfidf_term"]
    assert first["第四"] == "人才" and first["第五"] == "开放"


def test_textrank_uses_our_tokenizer_and_leaves_jieba_alone(words):
    import jieba
    import jieba.analyse
    import jieba.posseg

    table = themes.keywords(words, by="section", top_n=1000)
    second = table[table["section"] == "第二"]["textrank_term"].dropna()
    assert "新质生产力" in set(second) and "新质" not in set(second)
    own = words[(words["section"] == "第二") & ~words["is_stop"]]
    assert set(second) <= set(own.loc[own["pos"].isin(themes.KEYWORD_POS), "token"])
    top = table[table["rank"] == 1].set_index("section")["textrank_term"]
    assert top["第四"] == "人才"
    assert jieba.lcut("新质生产力") != ["新质生产力"]  # jieba's global tokenizer untouched
    assert jieba.analyse.default_textrank.tokenizer is jieba.posseg.dt
    assert jieba.posseg.dt.tokenizer is jieba.dt


def test_textrank_sees_exactly_the_tokens_and_tags_of_the_table(seed, words):
    adapter = keyterms._OurPosTokenizer(tokens.tokenizer("rjieba"))
    for para_no in (2, 11, 17):
        text = seed.paragraphs.set_index("para_no").loc[para_no, "text"]
        pairs = [(p.word, p.flag) for p in adapter.cut(text)]
        table = words[words["para_no"] == para_no]
        assert pairs == list(zip(table["token"], table["pos"], strict=True))


def test_keywords_are_deterministic_and_scale_to_documents(words, extended_words):
    a = themes.keywords(words, by=["doc_id", "section"], top_n=5)
    b = themes.keywords(words, by=["doc_id", "section"], top_n=5)
    pd.testing.assert_frame_equal(a, b)
    assert len(a) == 7 * 5
    per_doc = themes.keywords(extended_words, by="doc_id", top_n=5)
    assert per_doc["doc_id"].unique().tolist() == extended_words["doc_id"].unique().tolist()
    assert (per_doc.groupby("doc_id").size() == 5).all()
    assert per_doc["tfidf"].between(0, 1).all() and (per_doc.loc[per_doc["rank"] == 1, "textrank"] == 1).all()
    with pytest.raises(KeyError, match="annotate"):
        themes.keywords(tokens.segment(pd.DataFrame({"doc_id": ["d"], "para_no": [1], "text": ["科技创新"]})),
                        by="section")
