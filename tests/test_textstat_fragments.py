"""Fragments: one-character tokens that are pieces of a longer string, measured on the development corpus."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

from helpers import corpus, textstat, tokens
from helpers.corpus import devcorpus
from helpers.errors import CorpusWarning, ParameterError
from helpers.textstat.fragments import MAX_ZIPF, MIN_SHARE, fragment_terms, fragments, leave_out

# pieces of words and fixed expressions jieba split in the 2014-2019 reports (雾霾, 补短板, 惠民生, 细颗粒物,
# 营改增, 获得感, 云计算, 公租房, 调结构, 防风险, 保就业) and one-character words the texts use on their own
PIECES = ["雾", "霾", "板", "生", "细", "营", "感", "云", "公", "调", "防", "保"]
WORDS = ["要", "新", "党", "国", "走", "元", "万", "高"]


@pytest.fixture(scope="module")
def marked(extended_memory) -> pd.DataFrame:
    return fragments(extended_memory.tokens)


def test_pieces_are_fragments_and_words_are_not(marked):
    table = marked.set_index("term")
    assert table.loc[PIECES, "fragment"].all(), table.loc[PIECES]
    assert not table.loc[WORDS, "fragment"].any(), table.loc[WORDS]
    assert table.loc["霾", "string"] == "雾霾" and table.loc["板", "string"] == "补短板"
    # 走 sits mostly in 走出去 here, but it is a common word of general Chinese on its own
    assert table.loc["走", "zipf"] >= MAX_ZIPF and table.loc["走", "share"] >= 0.5
    # the columns say why: a fragment has at least half its occurrences inside a known string and a low Zipf
    pieces = marked[marked["fragment"]]
    assert (pieces["share"] >= MIN_SHARE).all() and (pieces["zipf"] < MAX_ZIPF).all()
    assert (marked["inside"] <= marked["count"]).all()
    assert (marked["term"].str.len() == 1).all() and marked["term"].is_unique
    assert 0.1 < marked["fragment"].mean() < 0.6  # a rule, not a list of every character


def test_counts_are_the_one_character_word_tokens(marked, extended_memory):
    tokens = extended_memory.tokens
    single = tokens[~tokens["is_stop"] & tokens["token"].str.fullmatch(r"[\u4e00-\u9fff]")]
    expected = single["token"].value_counts()
    assert marked.set_index("term")["count"].to_dict() == expected.to_dict()


def test_the_same_fragments_from_the_tokens_on_disk(extended_disk, marked):
    assert fragment_terms(extended_disk.tokens) == frozenset(marked.loc[marked["fragment"], "term"])


def test_options_move_the_rule(extended_memory, marked):
    strict = fragments(extended_memory.tokens, min_share=0.9, max_zipf=5.0)
    assert set(strict.loc[strict["fragment"], "term"]) < set(marked.loc[marked["fragment"], "term"])
    with pytest.raises(ParameterError, match="min_share"):
        fragments(extended_memory.tokens, min_share=1.5)
    with pytest.raises(ParameterError, match="min_count"):
        fragments(extended_memory.tokens, min_count=0)


def test_leave_out_drops_rows_with_a_fragment_in_any_named_column(extended_memory):
    pairs = textstat.collocations(extended_memory.tokens, min_count=2)
    pieces = fragment_terms(extended_memory.tokens)
    kept, met = leave_out(pairs, pieces, columns=("collocation", "w1", "w2"))
    assert "调结构" in set(pairs["collocation"]) and "调结构" not in set(kept["collocation"])  # 调 + 结构
    assert len(kept) + pairs[["w1", "w2"]].isin(pieces).any(axis=1).sum() == len(pairs)
    assert "调" in met and set(met) <= pieces
    same, none = leave_out(pairs, None)
    assert same is pairs and none == []


@pytest.mark.slow
def test_the_pieces_the_issue_names_on_the_76_table_documents(tables, tmp_path):
    """化 (常态化 …), 碳 (碳排放) and 反 (反人民 …) of issue 34 are fragments on the development tables; 党, 国, 要
    and 极 (极不合理: an adverb) are words."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)  # the tables' Traditional characters, converted
        loaded = corpus.load(devcorpus.from_tables(tmp_path / "tables", tables=tables))
    table = fragments(tokens.segment(loaded.paragraphs)).set_index("term")
    assert table.loc[["化", "碳", "反"], "fragment"].all(), table.loc[["化", "碳", "反"]]
    assert not table.loc[["党", "国", "要", "极"], "fragment"].any(), table.loc[["党", "国", "要", "极"]]
    assert table.loc["碳", "string"] == "碳排放"
