"""helpers.tokens: segmentation, backends, dictionary, tags, stopwords, cache."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import lexicon, tokens
from helpers.corpus import sentences
from helpers.tokens import segmentation
from helpers.tokens.table import build_table

REQUIRED = ["新质生产力", "科技自立自强", "高水平科技自立自强", "中国式现代化", "关键核心技术", "人类命运共同体",
            "新型举国体制", "科技强国", "一带一路", "破四唯", "四个面向", "国家战略科技力量", "创新驱动发展战略",
            "科技成果转化"]


@pytest.fixture(scope="module")
def seed_tokens(seed):
    return tokens.segment(seed.paragraphs, cache=False)


def test_columns_and_types(seed_tokens):
    assert list(seed_tokens.columns) == tokens.TOKEN_COLUMNS
    assert seed_tokens["is_stop"].dtype == bool
    assert seed_tokens["token_no"].tolist() == list(range(1, len(seed_tokens) + 1))
    assert not seed_tokens["token"].str.isspace().any()


def test_offsets_point_at_the_token(seed, seed_tokens):
    text = seed.paragraphs.set_index("para_no")["text"]
    for para_no, start, end, token in seed_tokens[["para_no", "start", "end", "token"]].itertuples(index=False):
        assert text[para_no][start:end] == token


def test_tokens_rebuild_each_paragraph(seed, seed_tokens):
    rebuilt = seed_tokens.groupby("para_no")["token"].agg("".join)
    assert rebuilt.tolist() == seed.paragraphs["text"].tolist()  # the seed has no Latin spaces


def test_sentence_numbers_match_the_sentences_table(seed, seed_tokens):
    sentences = seed.sentences.set_index("sent_no")
    for sent_no, para_no, start in seed_tokens[["sent_no", "para_no", "start"]].itertuples(index=False):
        row = sentences.loc[sent_no]
        assert row["para_no"] == para_no and row["start"] <= start < row["end"]


def test_policy_formulations_are_single_tokens(seed, seed_tokens):
    body = "".join(seed.paragraphs["text"])
    found = set(seed_tokens["token"])
    for term in REQUIRED:
        assert term in body, term
        assert term in found, term
    assert "新质" not in found and "举国体制" not in found


def test_every_dictionary_term_comes_out_whole(extended):
    """Each occurrence of a term in the text is a token, unless it overlaps another dictionary term's token."""
    toks = tokens.segment(extended.paragraphs, cache=False)
    terms = set(lexicon.policy_terms()["term"])
    spans = {key: list(zip(g["start"], g["end"], g["token"], strict=True))
             for key, g in toks.groupby(["doc_id", "para_no"])}
    checked = 0
    for doc_id, para_no, text in extended.paragraphs[["doc_id", "para_no", "text"]].itertuples(index=False):
        for term in terms:
            for m in re.finditer(re.escape(term), text):
                own = spans[(doc_id, para_no)]
                whole = any(s == m.start() and e == m.end() for s, e, _ in own)
                overlapped = any(s < m.end() and e > m.start() and t in terms and t != term for s, e, t in own)
                assert whole or overlapped, (term, text[max(0, m.start() - 8):m.end() + 8])
                checked += whole
    assert checked > 500


def test_independent_count_equals_frequency(seed, seed_tokens):
    from helpers import textstat

    freq = textstat.frequency(seed_tokens).set_index("term")
    words = seed_tokens["token"].tolist()
    for term in ["科技", "创新", "人才"]:
        assert freq.loc[term, "count"] == sum(1 for w in words if w == term)
    assert freq.loc["科技", "count"] >= 40  # the most frequent content word of the speech


def test_backends_identical_on_the_extended_corpus(extended):
    fast = tokens.segment(extended.paragraphs, backend="rjieba", cache=False)
    reference = tokens.segment(extended.paragraphs, backend="jieba", cache=False)
    pd.testing.assert_frame_equal(fast, reference)
    assert len(fast) > 60_000  # 130k characters of body text


_ALPHABET = list("科技创新中国人民发展战略高水平的是了在和一带路贫困国国") + list("abcXYZ0123456789+#&._%-") + \
    list(" ，。“”（）：、；！？/\t\u3000·—…％") + ["Ｂ", "１", "\u3400", "\u9fd6", "豈", "𠀀"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_ALPHABET), min_size=1, max_size=16).map("".join))
def test_backends_identical_on_random_strings(text):
    fast, reference = tokens.tokenizer("rjieba"), tokens.tokenizer("jieba")
    assert fast.cut(text) == reference.cut(text)


def test_two_configurations_in_one_process():
    plain = tokens.Tokenizer("rjieba", terms=pd.DataFrame({"term": [], "freq": [], "tag": []}))
    ours = tokens.Tokenizer("rjieba")
    assert plain.cut("发展新质生产力") == ["发展", "新质", "生产力"]
    assert ours.cut("发展新质生产力") == ["发展", "新质生产力"]
    assert plain.cut("发展新质生产力") == ["发展", "新质", "生产力"]  # unchanged by the other one
    import jieba

    assert jieba.lcut("新质生产力") != ["新质生产力"]  # jieba's global tokenizer untouched


def test_pos_tags_on_the_same_tokens(seed_tokens):
    tags = dict(zip(seed_tokens["token"], seed_tokens["pos"], strict=False))
    assert tags["新质生产力"] == "nz"
    assert tags["科技"] == "n" and tags["的"] == "uj" and tags["。"] == "x"
    assert (seed_tokens["pos"] != "").all()


def test_stopwords_by_list_and_rule(seed_tokens):
    stop = dict(zip(seed_tokens["token"], seed_tokens["is_stop"], strict=False))
    assert stop["的"] and stop["。"] and stop["2035"]  # list, punctuation rule, digit rule
    assert not stop["科技"] and not stop["要"]  # 要 is policy boilerplate, off by default
    policy = tokens.mark_stopwords(seed_tokens, stopword_lists=("general", "policy"))
    assert policy.loc[policy["token"] == "要", "is_stop"].all()
    assert policy["is_stop"].sum() > seed_tokens["is_stop"].sum()
    bare = tokens.mark_stopwords(seed_tokens, stopword_lists=None)
    assert not bare.loc[bare["token"] == "的", "is_stop"].any()
    assert bare.loc[bare["token"] == "。", "is_stop"].all()


def test_cache_roundtrip_and_invalidation(seed, tmp_path, monkeypatch):
    monkeypatch.setenv("SPEECHES_CACHE", str(tmp_path))
    first = tokens.segment(seed.paragraphs)
    files = list((tmp_path / "tokens").glob("*/tokens.parquet"))
    assert len(files) == 1
    again = tokens.segment(seed.paragraphs)
    pd.testing.assert_frame_equal(first, again)
    edited = seed.paragraphs.assign(text=seed.paragraphs["text"].str.replace("科技", "技术", n=1, regex=False))
    tokens.segment(edited)
    tokens.segment(seed.paragraphs, stopword_lists=("general", "policy"))
    tokens.segment(seed.paragraphs, backend="jieba")
    assert len(list((tmp_path / "tokens").glob("*/tokens.parquet"))) == 4
    assert not list(tmp_path.rglob("*.pkl")) and not list(tmp_path.rglob("*.pickle"))


def test_parallel_segmentation_is_identical(extended, monkeypatch):
    monkeypatch.setattr(segmentation, "_CHUNK_CHARS", 20_000)
    one = tokens.segment(extended.paragraphs, cache=False, workers=1)
    two = tokens.segment(extended.paragraphs, cache=False, workers=2)
    pd.testing.assert_frame_equal(one, two)


def test_bad_input():
    with pytest.raises(ValueError, match="missing column"):
        tokens.segment(pd.DataFrame({"text": ["科技"]}))
    with pytest.raises(ValueError, match="unknown backend"):
        tokens.segment(pd.DataFrame({"doc_id": ["a"], "para_no": [1], "text": ["科技"]}), backend="pkuseg")


def test_latin_text_keeps_words_and_offsets():
    paras = pd.DataFrame({"doc_id": ["d"], "para_no": [1], "text": ["发展Artificial Intelligence技术，M2增长13.6%。"]})
    toks = tokens.segment(paras, cache=False)
    text = paras["text"].item()
    assert all(text[s:e] == t for s, e, t in zip(toks["start"], toks["end"], toks["token"], strict=True))
    assert {"Artificial", "Intelligence", "13.6%"} <= set(toks["token"])
    assert not any(re.fullmatch(r"\s+", t) for t in toks["token"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_ALPHABET), min_size=1, max_size=20).map("".join), min_size=1,
                max_size=6))
def test_sentence_starts_match_split_sentences(texts):
    para, start = sentences.sentence_starts(texts)
    expected = [(i, s) for i, text in enumerate(texts) for s, _ in sentences.split_sentences(text)]
    assert list(zip(para.tolist(), start.tolist(), strict=True)) == expected


_SENTENCE_ALPHABET = list("科技人才强国的是") + list("。！？!?”’」』）)】》“（，") + ["a", "1", " "]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_SENTENCE_ALPHABET), min_size=1, max_size=14).map("".join)
                .filter(str.strip), min_size=1, max_size=5))
def test_sentence_numbers_equal_the_text_split(texts):
    """sent_no, computed from punctuation tokens, names the sentence split_sentences puts the token in."""
    paras = pd.DataFrame({"doc_id": "d", "para_no": range(1, len(texts) + 1), "text": texts})
    table = tokens.segment(paras, cache=False)
    numbered, expected = 0, {}
    for para_no, text in enumerate(texts, start=1):
        for start, end in sentences.split_sentences(text):
            numbered += 1
            expected[para_no, start, end] = numbered
    for para_no, start, sent_no in table[["para_no", "start", "sent_no"]].itertuples(index=False):
        (span,) = [k for k in expected if k[0] == para_no and k[1] <= start < k[2]]
        assert expected[span] == sent_no


@pytest.mark.parametrize("groups", [[0, 0, 1, 1, 1, 2], [2, 0, 2, 1, 0, 2], [], [5]])
def test_cumcount_counts_within_each_group_in_order(groups):
    import numpy as np

    from helpers.tokens.table import _cumcount

    values = np.asarray(groups, dtype=np.int64)
    expected = pd.Series(values).groupby(values).cumcount().to_numpy()
    assert _cumcount(values).tolist() == expected.tolist()


def test_dictionary_columns_hold_the_same_values(extended):
    """build_table(dictionary=True), used by the tokens dataset: the same table, doc_id/token/pos as codes
    into dictionaries of the values used (a dictionary entry no token uses would become a vocabulary word)."""
    import pyarrow as pa

    from helpers.tokens.tokenizer import tokenizer

    paras = extended.paragraphs[["doc_id", "para_no", "text"]]
    texts = paras["text"].tolist()
    tk = tokenizer("rjieba")
    flat = tk.cut_joined(texts)
    plain = build_table(paras, texts, flat, tk, frozenset())
    coded = build_table(paras, texts, flat, tk, frozenset(), dictionary=True)
    assert {name: coded.schema.field(name).type for name in ("doc_id", "token", "pos")} == {
        name: pa.dictionary(pa.int32(), pa.string()) for name in ("doc_id", "token", "pos")}
    for name in ("doc_id", "token", "pos"):
        column = coded.column(name).combine_chunks()
        assert sorted(column.dictionary.to_pylist()) == sorted(set(plain.column(name).to_pylist()))
        assert "\n" not in column.dictionary.to_pylist()
    assert coded.cast(plain.schema).equals(plain)
