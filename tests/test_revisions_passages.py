"""Text reuse across documents: real work reports share passages; offsets point into the texts."""

from __future__ import annotations

import re

import pytest

from helpers import corpus, revisions
from helpers.errors import ParameterError
from helpers.revisions import alignment


@pytest.fixture(scope="module")
def shared(extended):
    return revisions.reuse(extended)


def test_passages_are_in_both_texts_at_their_offsets(extended, shared):
    assert len(shared) > 100
    texts = {}
    for row in shared.head(200).itertuples():
        for doc, start, end, passage in ((row.doc_a, row.start_a, row.end_a, row.text),
                                         (row.doc_b, row.start_b, row.end_b, row.text_b)):
            text = texts.setdefault(doc, revisions.document_text(extended, doc))
            assert alignment.key(text[start:end]) == passage
        assert row.n_chars == len(row.text) >= 20 and len(row.text_b) >= 20 and row.doc_a != row.doc_b
        assert (row.similarity == 1) == (row.text == row.text_b) and 0.5 < row.similarity <= 1
    assert (shared["similarity"] < 1).any() and (shared["similarity"] == 1).any()


def test_passages_are_maximal(extended, shared):
    row = shared[shared["similarity"] == 1].iloc[0]  # the longest verbatim passage
    a, b = (revisions.document_text(extended, d) for d in (row.doc_a, row.doc_b))
    # one more character on either side would no longer be shared
    before_a, before_b = alignment.key(a[:row.start_a])[-1:], alignment.key(b[:row.start_b])[-1:]
    after_a, after_b = alignment.key(a[row.end_a:])[:1], alignment.key(b[row.end_b:])[:1]
    assert before_a != before_b or not before_a
    assert after_a != after_b or not after_a


def test_min_chars(extended, shared):
    longer = revisions.reuse(extended, min_chars=40)
    assert longer["n_chars"].min() >= 40 and len(longer) < len(shared)
    with pytest.raises(ValueError):
        revisions.reuse(extended, min_chars=1)
    for bad in (-1, 2.5, True):
        with pytest.raises(ParameterError, match="max_gap"):
            revisions.reuse(extended, max_gap=bad)


def test_max_gap_zero_is_verbatim_only(extended, shared):
    verbatim = revisions.reuse(extended, max_gap=0)
    assert (verbatim["similarity"] == 1).all() and (verbatim["text"] == verbatim["text_b"]).all()
    # every verbatim passage lies inside a passage found with small edits allowed (same pair of documents)
    for row in verbatim.head(100).itertuples():
        around = shared[(shared["doc_a"] == row.doc_a) & (shared["doc_b"] == row.doc_b)
                        & (shared["start_a"] <= row.start_a) & (shared["end_a"] >= row.end_a)
                        & (shared["start_b"] <= row.start_b) & (shared["end_b"] >= row.end_b)]
        assert len(around) >= 1
    assert revisions.reuse(extended, max_gap=0).equals(verbatim)  # deterministic


def test_a_planted_passage_with_small_edits_is_found(tmp_path, extra_dir):
    """A quotation of a real paragraph with one character dropped, one inserted and one substituted (each edit
    leaving fewer than 20 equal characters between them): found, with its similarity; verbatim only, not."""
    report = (extra_dir / "2018-03-05_gwr-2018.txt").read_text(encoding="utf-8")
    paragraph = next(p for p in report.split("\n") if len(p) > 200)
    planted = paragraph[50:110]
    edited = planted[:15] + planted[16:30] + "地" + planted[30:44] + "〇" + planted[45:]
    (tmp_path / "a.txt").write_text("第一篇。\n\n" + report, encoding="utf-8")
    (tmp_path / "b.txt").write_text("这是另一篇文章，谈别的事情。\n\n引用如下：" + edited + "以上是引用。", encoding="utf-8")
    two = corpus.load(tmp_path, cache=False)
    assert revisions.reuse(two, max_gap=0).empty
    found = revisions.reuse(two)
    whole = found[found["text_b"] == alignment.key(edited)]
    assert len(whole) == 1 and whole.iloc[0]["text"] == alignment.key(planted)
    assert 0.9 < whole.iloc[0]["similarity"] < 1
    # the rest of what is found is the quotation's tail, near-verbatim at another place of the report
    # (统筹推进“五位一体”总体布局和协调推进“四个全面”战略布局): inside the quotation on side b
    rest = found.drop(whole.index)
    assert ((rest["start_b"] >= whole.iloc[0]["start_b"]) & (rest["end_b"] <= whole.iloc[0]["end_b"])).all()


@pytest.fixture(scope="module")
def congress(tables, tmp_path_factory):
    """The reports to the 15th–19th CPC congresses, from the development table."""
    import pandas as pd

    table = pd.read_json(tables / "cpc_congress_reports_1-19.jsonl", lines=True, dtype=False)
    folder = tmp_path_factory.mktemp("congress") / "corpus"
    folder.mkdir()
    table[table["congress"].astype(int) >= 15].to_json(folder / "congress.jsonl", orient="records", lines=True,
                                                       force_ascii=False)
    return corpus.load(folder, cache=False)


def test_congress_reports_near_verbatim_passages(congress):
    """15th–19th congress reports: with small edits allowed every verbatim passage lies inside a passage found,
    and near-verbatim passages that share no 20 equal characters are found too: 毫不动摇地鼓励 (17th) /
    毫不动摇鼓励 (18th).  (When written: 293 verbatim passages; 484 passages, 257 of them with edits, 197 of
    those with no verbatim passage inside.)"""
    verbatim = revisions.reuse(congress, max_gap=0)
    near = revisions.reuse(congress)
    edited = near[near["similarity"] < 1]
    assert len(near) > len(verbatim) and len(edited) >= 100
    assert edited["similarity"].min() > 0.75
    inside = 0
    for row in verbatim.itertuples():
        inside += ((near["doc_a"] == row.doc_a) & (near["doc_b"] == row.doc_b) & (near["start_a"] <= row.start_a)
                   & (near["end_a"] >= row.end_a) & (near["start_b"] <= row.start_b)
                   & (near["end_b"] >= row.end_b)).any()
    assert inside == len(verbatim)
    docs = list(congress.documents["doc_id"])  # in table order: 15th … 19th
    encourage = near[(near["doc_a"] == docs[2]) & (near["doc_b"] == docs[3])
                     & near["text"].str.contains("毫不动摇地鼓励、支持、引导非公有制经济发展")]
    assert len(encourage) == 1 and "毫不动摇鼓励、支持、引导非公有制经济发展" in encourage.iloc[0]["text_b"]
    assert 0.9 < encourage.iloc[0]["similarity"] < 1
    missed = verbatim[(verbatim["doc_a"] == docs[2]) & (verbatim["doc_b"] == docs[3])
                      & verbatim["text"].str.contains("鼓励、支持、引导非公有制经济发展")]
    assert missed.empty  # only 17 equal characters after the edit: verbatim search cannot see it


def test_a_planted_passage_is_found(tmp_path, extra_dir):
    report = (extra_dir / "2018-03-05_gwr-2018.txt").read_text(encoding="utf-8")
    paragraph = next(p for p in report.split("\n") if len(p) > 200)
    planted = paragraph[50:110]
    (tmp_path / "a.txt").write_text("第一篇。\n\n" + report, encoding="utf-8")
    other = "这是另一篇文章，谈别的事情。\n\n引用如下：" + planted.replace("，", "， ") + "以上是引用。"
    (tmp_path / "b.txt").write_text(other, encoding="utf-8")
    two = corpus.load(tmp_path, cache=False)
    found = revisions.reuse(two, max_gap=0)  # verbatim only
    assert len(found) == 1
    assert found.iloc[0]["text"] == alignment.key(planted)
    b_text = revisions.document_text(two, found.iloc[0]["doc_b"])
    assert re.sub(r"\s", "", b_text[found.iloc[0]["start_b"]:found.iloc[0]["end_b"]]) == alignment.key(planted)
    # with small edits allowed the same passage is found once, verbatim; what else is found is its tail,
    # near-verbatim at another place of the report (…总体布局和协调推进“四个全面”战略布局)
    near = revisions.reuse(two)
    same = near[(near["text"] == alignment.key(planted)) & (near["similarity"] == 1)]
    assert len(same) == 1 and same.iloc[0]["start_b"] == found.iloc[0]["start_b"]
    rest = near.drop(same.index)
    assert ((rest["start_b"] >= same.iloc[0]["start_b"]) & (rest["end_b"] <= same.iloc[0]["end_b"])).all()
    assert (rest["similarity"] < 1).all()


def test_matrix(extended, shared):
    table = revisions.matrix(shared, extended.documents)
    pair = table[(table["doc_id"] == "2019-03-05_gwr-2019") & (table["other"] == "2018-03-05_gwr-2018")]
    assert len(pair) == 1 and 0 < pair.iloc[0]["share"] < 0.5
    assert (table["doc_id"] != table["other"]).all()
