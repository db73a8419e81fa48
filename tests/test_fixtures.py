"""The multi-document fixture corpus loads as intended: every multi-document test builds on it."""

from __future__ import annotations

from tests.conftest import MULTI_DOCUMENTS


def test_multi_corpus_has_genres_years_and_a_gap(multi):
    docs = multi.documents
    assert len(docs) == MULTI_DOCUMENTS
    assert docs["genre"].value_counts().to_dict() == {"government work report": 4, "speech": 2}
    assert sorted(docs["year"].dropna().astype(int).unique()) == [2019, 2021, 2022, 2023, 2024]


def test_multi_corpus_reports_have_parts_and_a_closing(multi):
    reports = multi.documents.loc[multi.documents["genre"] == "government work report", "doc_id"]
    paras = multi.paragraphs[multi.paragraphs["doc_id"].isin(reports)]
    for doc_id, group in paras.groupby("doc_id"):
        sections = list(dict.fromkeys(group["section"].astype(str)))
        assert sections[:1] == ["opening"] and "一" in sections and "三" in sections, (doc_id, sections)
    assert (multi.set_aside.loc[multi.set_aside["doc_id"].isin(reports), "kind"] == "dateline").sum() == 4


def test_multi_corpus_edition_differs_by_a_few_characters(multi):
    text = multi.paragraphs.groupby("doc_id")["text"].agg("".join)
    original, edition = text["2024-06-24_speech"], text["2024-07-01_speech-edition"]
    assert original.count("量子科技") == 2 and edition.count("量子科技") == 0
    assert edition.count("量子技术") == original.count("量子技术") + 2
    assert "我们要坚定信心，奋勇前进。" in edition
    assert len(edition) < len(original)
