"""Text reuse across documents: real work reports share passages; offsets point into the texts."""

from __future__ import annotations

import re

import pytest

from helpers import corpus, revisions
from helpers.revisions import alignment


@pytest.fixture(scope="module")
def shared(extended):
    return revisions.reuse(extended)


def test_passages_are_in_both_texts_at_their_offsets(extended, shared):
    assert len(shared) > 100
    texts = {}
    for row in shared.head(200).itertuples():
        for doc, start, end in ((row.doc_a, row.start_a, row.end_a), (row.doc_b, row.start_b, row.end_b)):
            text = texts.setdefault(doc, revisions.document_text(extended, doc))
            assert alignment.key(text[start:end]) == row.text
        assert row.n_chars == len(row.text) >= 20 and row.doc_a != row.doc_b


def test_passages_are_maximal(extended, shared):
    row = shared.iloc[0]
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


def test_a_planted_passage_is_found(tmp_path, extra_dir):
    report = (extra_dir / "2018-03-05_gwr-2018.txt").read_text(encoding="utf-8")
    paragraph = next(p for p in report.split("\n") if len(p) > 200)
    planted = paragraph[50:110]
    (tmp_path / "a.txt").write_text("第一篇。\n\n" + report, encoding="utf-8")
    other = "这是另一篇文章，谈别的事情。\n\n引用如下：" + planted.replace("，", "， ") + "以上是引用。"
    (tmp_path / "b.txt").write_text(other, encoding="utf-8")
    two = corpus.load(tmp_path, cache=False)
    found = revisions.reuse(two)
    assert len(found) == 1
    assert found.iloc[0]["text"] == alignment.key(planted)
    b_text = revisions.document_text(two, found.iloc[0]["doc_b"])
    assert re.sub(r"\s", "", b_text[found.iloc[0]["start_b"]:found.iloc[0]["end_b"]]) == alignment.key(planted)


def test_matrix(extended, shared):
    table = revisions.matrix(shared, extended.documents)
    pair = table[(table["doc_id"] == "2019-03-05_gwr-2019") & (table["other"] == "2018-03-05_gwr-2018")]
    assert len(pair) == 1 and 0 < pair.iloc[0]["share"] < 0.5
    assert (table["doc_id"] != table["other"]).all()
