"""The textstat functions of notebooks 01 and 03 give the same tables from a tokens dataset on disk (in several
chunks) as from the tables in memory, on the extended development corpus."""

from __future__ import annotations

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from helpers import corpus, textstat, tokens
from helpers.tokens import dataset

LISTS = ("general", "policy")


@pytest.fixture(scope="module")
def both(extended, extended_dir, extended_words, tmp_path_factory):
    """(corpus, tokens) in memory and (stream, dataset) on disk in several chunks, with the same stopword lists."""
    stream = corpus.load(extended_dir, stream=True)
    data = dataset.build(stream, workers=1, chunk_bytes=60_000, progress=False,
                         path=tmp_path_factory.mktemp("ds")).with_stopwords(LISTS)
    assert data.manifest["chunks"] >= 3
    return extended, extended_words.drop(columns="section"), stream, data


def test_of_documents(both):
    loaded, words, _, data = both
    focus = loaded.documents["doc_id"].iloc[2]
    picked = tokens.of_documents(words, [focus])
    assert_frame_equal(picked, words[words["doc_id"] == focus])
    assert list(tokens.of_documents(data, focus).documents["doc_id"]) == [focus]
    expected = textstat.frequency(textstat.annotate(picked, loaded, ["section"]), by="section")
    got = textstat.frequency(textstat.annotate(tokens.of_documents(data, [focus]), loaded, ["section"]), by="section")
    assert_frame_equal(got, expected, check_dtype=False)


@pytest.mark.parametrize("options", [{"min_count": 2}, {"min_count": 1, "stopwords": False, "sort_by": "pmi"}])
def test_collocations(both, options):
    _, words, _, data = both
    expected = textstat.collocations(words, **options)
    assert len(expected) > 100
    assert_frame_equal(textstat.collocations(data, **options), expected, check_dtype=False)


def test_dispersion_and_section_bounds(both):
    loaded, _, _, data = both
    terms = ["科技", "自立自强", "新质生产力", "没有的词"]
    assert_frame_equal(textstat.dispersion(data, terms), textstat.dispersion(loaded.paragraphs, terms),
                       check_dtype=False)
    # a selection of documents (in another order than the corpus'): the same hits as their paragraphs in memory
    picked = list(loaded.documents["doc_id"].iloc[[5, 1]])
    expected = textstat.dispersion(loaded.paragraphs[loaded.paragraphs["doc_id"].isin(picked)], terms)
    assert len(expected) > 20 and expected["doc_id"].nunique() == 2
    assert_frame_equal(textstat.dispersion(data.subset(doc_id=picked), terms), expected, check_dtype=False)
    with pytest.raises(ValueError, match="terms"):
        textstat.dispersion(data, ["科技", ""])
    assert_frame_equal(textstat.section_bounds(data), textstat.section_bounds(loaded.paragraphs), check_dtype=False)
    assert_frame_equal(textstat.sections(data), textstat.sections(loaded.paragraphs), check_dtype=False)
    assert textstat.section_labels(data) == textstat.section_labels(loaded)


def test_dispersion_view_pools_many_documents_by_year(both):
    loaded, _, _, data = both
    hits = textstat.dispersion(loaded.paragraphs, ["科技"])
    same, bounds = textstat.dispersion_view(hits, loaded.paragraphs, loaded.documents)
    assert same is hits
    assert_frame_equal(bounds, textstat.section_bounds(loaded.paragraphs))
    pooled, rows = textstat.dispersion_view(hits, data, loaded.documents, max_documents=7)  # 8 documents, 7 years
    years = textstat.document_years(loaded.documents)
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
    assert counted.groupby(pooled["doc_id"]).first().sum() <= len(loaded.documents)
    decades, rows = textstat.dispersion_view(hits, data, loaded.documents, max_documents=3)
    assert set(decades["doc_id"]) <= set(rows["doc_id"])
    assert list(rows["doc_id"]) == ["2010s (7 documents)", "2020s (1 document)"]


@pytest.mark.parametrize("by, within", [("section", "doc_id"), ("genre", None), ("year", None), ("section", None)])
def test_keyness_by(both, by, within):
    loaded, words, stream, data = both
    expected = textstat.keyness_by(textstat.annotate(words, loaded, [by]), by,
                                   min_count=3, within=within)
    assert len(expected)
    got = textstat.keyness_by(textstat.annotate(data, stream, [by]), by, min_count=3, within=within)
    assert_frame_equal(got, expected, check_dtype=False, check_categorical=False)


def test_keyness_by_of_one_document(both):
    loaded, words, stream, data = both
    focus = textstat.choose_contrast(loaded.documents).target[0]
    expected = textstat.keyness_by(textstat.annotate(tokens.of_documents(words, [focus]), loaded, ["section"]),
                                   "section", min_count=3)
    got = textstat.keyness_by(textstat.annotate(tokens.of_documents(data, [focus]), stream, ["section"]), "section",
                              min_count=3)
    assert_frame_equal(got, expected, check_dtype=False, check_categorical=False)


@pytest.mark.parametrize("by", ["doc_id", "year", "genre", "section"])
def test_similarity(both, by):
    loaded, words, _, data = both
    in_memory = words if by == "doc_id" else textstat.annotate(words, loaded, [by])
    expected = textstat.similarity(in_memory, by=by)
    got = textstat.similarity(data if by == "doc_id" else data.annotate([by]), by=by)
    # the same counts and TF-IDF; scikit-learn sums each row's entries in the order the words first occur, the
    # dataset's in term order: equal to the last bits of a double
    assert_frame_equal(got, expected, check_exact=False, rtol=1e-12, atol=1e-12, check_index_type=False,
                       check_column_type=False, check_names=False, check_categorical=False)


def test_term_trends(both):
    loaded, words, _, data = both
    terms = ["科技", "创新", "人才", "改革", "没有的词"]
    assert_frame_equal(textstat.term_trends(data, loaded.documents, terms),
                       textstat.term_trends(words, loaded.documents, terms), check_exact=True)


@pytest.mark.parametrize("by", ["doc_id", "year", "genre", "section"])
def test_style(both, by):
    loaded, words, stream, data = both
    expected = textstat.style(loaded, words, by=by)
    got = textstat.style(stream, data, by=by)
    assert_frame_equal(got, expected, check_exact=True, check_dtype=False, check_categorical=False)


@pytest.mark.parametrize("window", [3, 100, 5_000])
def test_mattr_in_segments_equals_mattr_of_the_whole(extended_words, window):
    from helpers.textstat.style import _Mattr, _window_types

    words = extended_words[textstat.select(extended_words, stopwords=False)]
    whole, combined = [], _Mattr(window)
    for _, part in list(words.groupby("doc_id", sort=False))[:4]:
        for n in (7, 150, 4_000):  # segments shorter than, about and longer than the window
            seg = part["token"].tolist()[:n]
            whole += seg
            combined.add(len(seg), _window_types(seg, window, len(seg) - window + 1), seg[:window - 1],
                         seg[-(window - 1):])
    assert combined.value() == textstat.mattr(whole, window=window)


def test_comparison_unit_beyond_a_hundred_documents(extended):
    many = pd.concat([extended.documents.assign(doc_id=extended.documents["doc_id"] + f"-{i}") for i in range(20)],
                     ignore_index=True)

    class Many:
        documents = many

    assert len(many) > textstat.contrast.MAX_COMPARED_DOCUMENTS
    assert textstat.comparison_unit(Many()) == "year"
    assert textstat.comparison_unit(extended) == "doc_id"
    contrast = textstat.choose_contrast(many)
    assert len(contrast.target) == 1 and len(contrast.reference) > 30
    with pytest.raises(ValueError, match=r"… \(160 documents\)"):
        textstat.choose_contrast(many, target="no-such-document")
