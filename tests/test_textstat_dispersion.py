"""helpers.textstat.dispersion: where terms lie along a document, in memory and on a tokens dataset on disk."""

from __future__ import annotations

import pytest
from conftest import SPEECH
from pandas.testing import assert_frame_equal

from helpers import corpus, textstat


def test_dispersion_positions(store):
    speech = store.select(SPEECH)
    hits = textstat.dispersion(speech.paragraphs, ["新质生产力", "人才"])
    assert (hits["term"] == "人才").sum() == 29
    row = hits[hits["term"] == "新质生产力"].iloc[0]
    assert row["section"] == "第二"
    body = "".join(speech.memory.paragraphs["text"])
    assert body[row["offset"]:row["offset"] + 5] == "新质生产力"
    assert 0 <= hits["position"].min() and hits["position"].max() <= 1


def test_dispersion_equals_the_in_memory_reference(extended_store):
    terms = ["科技", "自立自强", "新质生产力", "没有的词"]
    reference = extended_store.memory
    assert_frame_equal(textstat.dispersion(extended_store.paragraphs, terms),
                       textstat.dispersion(reference.paragraphs, terms), check_dtype=False)
    # a selection of documents (in another order than the corpus'): the same hits as their paragraphs in memory
    picked = list(extended_store.documents["doc_id"].iloc[[5, 1]])
    expected = textstat.dispersion(reference.paragraphs[reference.paragraphs["doc_id"].isin(picked)], terms)
    assert len(expected) > 20 and expected["doc_id"].nunique() == 2
    assert_frame_equal(textstat.dispersion(extended_store.select(picked).paragraphs, terms), expected,
                       check_dtype=False)


def test_dispersion_refuses_an_empty_term(store):
    with pytest.raises(ValueError, match="terms"):
        textstat.dispersion(store.paragraphs, ["科技", ""])


def test_dispersion_view_pools_many_documents_by_year(extended_store):
    documents = extended_store.documents
    hits = textstat.dispersion(extended_store.paragraphs, ["科技"])
    same, bounds = textstat.dispersion_view(hits, extended_store.paragraphs, documents)
    assert same is hits
    assert_frame_equal(bounds, textstat.section_bounds(extended_store.memory.paragraphs))
    pooled, rows = textstat.dispersion_view(hits, extended_store.paragraphs, documents, max_documents=7)
    years = textstat.document_years(documents)  # 8 documents, 7 years
    assert len(rows) == years.nunique() and rows["doc_id"].iloc[0].startswith(str(years.min()))
    assert set(pooled["doc_id"]) <= set(rows["doc_id"])
    # the hits counted in equal parts of the text: every hit once, in the part its position falls in
    assert list(pooled.columns) == ["doc_id", "term", "bin", "start", "end", "hits", "share"]
    assert pooled["hits"].sum() == len(hits)
    expected = hits.assign(doc_id=hits["doc_id"].map(years).map(
        {int(r.split(" ")[0]): r for r in rows["doc_id"]}), bin=(hits["position"] * 50).astype(int).clip(0, 49))
    expected = expected.groupby(["doc_id", "bin"]).size()
    assert pooled.set_index(["doc_id", "bin"])["hits"].sort_index().equals(expected.sort_index().rename("hits"))
    assert ((pooled["start"] <= pooled["end"]) & (pooled["end"] - pooled["start"] - 1 / 50).abs().lt(1e-12)).all()
    assert pooled.groupby(["doc_id", "term"])["share"].sum().round(12).eq(1).all()
    counted = pooled["doc_id"].str.extract(r"\((\d+) documents?\)")[0].astype(int)
    assert counted.groupby(pooled["doc_id"]).first().sum() <= len(documents)
    decades, rows = textstat.dispersion_view(hits, extended_store.paragraphs, documents, max_documents=3)
    assert set(decades["doc_id"]) <= set(rows["doc_id"])
    assert list(rows["doc_id"]) == ["2010s (7 documents)", "2020s (1 document)"]


def test_dispersion_view_pools_each_work_once(store):
    """Rows pooled by period leave later editions out: the same rows and shares as without them."""
    hits = textstat.dispersion(store.paragraphs, ["科技", "人才"])
    works = corpus.first_editions(store.memory.documents)
    pooled, rows = textstat.dispersion_view(hits, store.paragraphs, store.documents, max_documents=2)
    alone, alone_rows = textstat.dispersion_view(hits[hits["doc_id"].isin(works["doc_id"])], store.paragraphs,
                                                 works, max_documents=2)
    assert list(rows["doc_id"]) == ["2010s (1 document)", "2020s (2 documents)"]
    assert_frame_equal(rows, alone_rows)
    assert_frame_equal(pooled, alone)


def test_a_term_the_segmenter_splits_is_found_in_the_text_in_token_mode(extended_store):
    """国家安全 is never one token: token-mode dispersion finds each occurrence in the text (counted_as="text"),
    as many as the paragraphs hold, while a token term keeps its token hits (counted_as="token")."""
    memory = extended_store.memory
    whole = set(memory.tokens["token"])
    assert "国家安全" not in whole and "创新" in whole
    hits = textstat.dispersion(extended_store.paragraphs, ["国家安全", "创新"], tokens=extended_store.tokens)
    split = hits[hits["term"] == "国家安全"]
    expected = int(memory.corpus.paragraphs["text"].str.count("国家安全").sum())
    assert expected > 0 and len(split) == expected and (split["counted_as"] == "text").all()
    kept = hits[hits["term"] == "创新"]
    assert len(kept) == int((memory.tokens["token"] == "创新").sum()) and (kept["counted_as"] == "token").all()
