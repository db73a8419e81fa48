"""helpers.themes.scoring: the theme codebook, its matches and the scores, on real text."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from helpers import lexicon, textstat, themes

SEED_THEMES = ["基础研究与原始创新", "关键核心技术攻关", "科技与产业融合（新质生产力）", "科技体制机制改革", "教育科技人才",
               "开放合作", "党的领导与治理", "国家安全"]
HEADER = "theme,term,note\n"


@pytest.fixture(scope="module")
def book():
    return themes.codebook()


@pytest.fixture(scope="module")
def scores(seed, book):
    return themes.score(seed.paragraphs, book)


def _paragraphs(*texts: str) -> pd.DataFrame:
    return pd.DataFrame({"doc_id": "d", "para_no": range(1, len(texts) + 1), "section": "s", "text": list(texts)})


def _book(tmp_path, body: str) -> pd.DataFrame:
    path = tmp_path / "themes.csv"
    path.write_text(HEADER + body, encoding="utf-8")
    return themes.codebook(path)


# --- the codebook ------------------------------------------------------------------------------


def test_codebook_holds_the_seed_themes_with_notes(book):
    assert list(book.columns) == ["theme", "term", "note", "line"]
    assert list(book["theme"].cat.categories) == SEED_THEMES
    sizes = book.groupby("theme", observed=True).size()
    assert sizes.between(8, 25).all(), sizes
    assert (book["note"].str.len() > 0).all()
    assert not book.duplicated(["theme", "term"]).any()
    assert book["line"].is_monotonic_increasing and book["line"].iloc[0] == 2


@pytest.mark.parametrize(("body", "line", "says"), [
    ("甲,人才,talent\n甲,人才\n", 3, "expected 3 fields"),
    ("甲,人才,talent\n\n甲,,empty\n", 4, "must not be empty"),
    ("甲,人才,talent\n乙,人才,also fine\n甲,人才,again\n", 4, "already listed under '甲' on line 2"),
    ('甲,"人才,talent\n', 2, "malformed CSV"),
])
def test_codebook_errors_name_file_and_line(tmp_path, body, line, says):
    with pytest.raises(ValueError) as info:
        _book(tmp_path, body)
    assert isinstance(info.value, lexicon.LexiconError)
    assert f"{tmp_path / 'themes.csv'}, line {line}:" in str(info.value)
    assert says in str(info.value)


def test_codebook_needs_its_header(tmp_path):
    path = tmp_path / "themes.csv"
    path.write_text("theme,term\n甲,人才\n", encoding="utf-8")
    with pytest.raises(lexicon.LexiconError, match=r"line 1: expected the header"):
        themes.codebook(path)


# --- matching and scores ---------------------------------------------------------------------


def test_longest_match_first_and_never_twice(tmp_path):
    book = _book(tmp_path, "人才,人才,x\n人才,人才培养,x\n开放,全球科技治理,x\n治理,科技治理,x\n治理,新型举国体制,x\n"
                           "攻关,新型举国体制,x\n")
    paragraphs = _paragraphs("人才培养靠教育，人才是第一资源。参与全球科技治理，完善科技治理体系。发挥新型举国体制优势。")
    found = themes.matches(paragraphs, book)
    assert found[["theme", "term"]].astype(str).values.tolist() == [
        ["人才", "人才培养"], ["人才", "人才"], ["开放", "全球科技治理"], ["治理", "科技治理"],
        ["治理", "新型举国体制"], ["攻关", "新型举国体制"]]  # a term under two themes counts for both
    text = paragraphs["text"].iloc[0]
    assert all(text[s:e] == t for s, e, t in zip(found["start"], found["end"], found["term"], strict=True))
    per_theme = themes.matches(paragraphs, book, nested="theme")
    assert per_theme.loc[per_theme["theme"] == "治理", "term"].tolist() == ["科技治理", "科技治理", "新型举国体制"]
    with pytest.raises(ValueError, match="nested"):
        themes.matches(paragraphs, book, nested="nowhere")


def test_crossing_matches_keep_the_leftmost_of_equal_length(tmp_path):
    book = _book(tmp_path, "甲,科技体制,x\n甲,体制机制,x\n")
    found = themes.matches(_paragraphs("深化科技体制机制改革"), book)
    assert found["term"].tolist() == ["科技体制"] and found["start"].tolist() == [2]


def test_scores_are_hits_per_thousand_characters(seed, scores):
    assert list(scores.columns) == ["doc_id", "para_no", "section", "theme", "hits", "n_chars", "per_1k"]
    assert len(scores) == len(seed.paragraphs) * len(SEED_THEMES)
    lengths = seed.paragraphs.set_index("para_no")["text"].str.len()
    assert (scores["n_chars"] == scores["para_no"].map(lengths)).all()
    assert np.allclose(scores["per_1k"], scores["hits"] / scores["n_chars"] * 1000)
    assert scores["section"].dtype == seed.paragraphs["section"].dtype
    assert scores["theme"].astype(str).tolist()[:8] == SEED_THEMES


def test_every_theme_has_a_hit_in_the_seed(scores):
    totals = themes.by_document(scores).set_index("theme")["hits"]
    assert list(totals.index.astype(str)) == SEED_THEMES
    assert (totals >= 1).all(), totals


def test_part_four_scores_highest_on_education_science_talent(seed, scores):
    sections = themes.by_section(scores)
    talent = sections[sections["theme"] == "教育科技人才"].set_index("section")["per_1k"]
    assert talent.idxmax() == "第四"
    assert talent["第四"] > 2 * talent.drop("第四").max()
    # the reason, in the text itself: 人才 is densest in 第四 (19 times in about 500 characters)
    body = seed.paragraphs.groupby("section", observed=True)["text"].agg("".join)
    rate = body.str.count("人才") / body.str.len() * 1000
    assert rate.idxmax() == "第四"
    assert body["第四"].count("人才") == 19 and 450 <= len(body["第四"]) <= 550


def test_sections_add_up_paragraphs(seed, scores):
    sections = themes.by_section(scores)
    assert list(sections.columns) == ["doc_id", "section", "label", "theme", "hits", "n_chars", "per_1k"]
    assert sections["section"].astype(str).unique().tolist() == ["opening", "第一", "第二", "第三", "第四", "第五", "closing"]
    assert (sections["label"] == sections["section"].astype(str)).all()  # one document: the section is the label
    per_theme = sections.groupby("theme", observed=True)
    assert (per_theme["n_chars"].sum() == seed.paragraphs["text"].str.len().sum()).all()
    assert (per_theme["hits"].sum() == scores.groupby("theme", observed=True)["hits"].sum()).all()


def test_drivers_add_up_to_the_scores(seed, book, scores):
    drivers = themes.drivers(seed.paragraphs, book)
    assert list(drivers.columns) == ["doc_id", "section", "theme", "term", "count", "share", "dominant"]
    summed = drivers.groupby(["section", "theme"], observed=True)["count"].sum()
    sections = themes.by_section(scores).set_index(["section", "theme"])["hits"]
    assert summed.to_dict() == sections[sections > 0].to_dict()
    assert set(drivers["term"]) <= set(book["term"])
    fourth = drivers[(drivers["section"] == "第四") & (drivers["theme"] == "教育科技人才")]
    assert fourth["term"].iloc[0] == "人才" and fourth["count"].is_monotonic_decreasing
    overall = themes.drivers(seed.paragraphs, book, by=None)
    assert list(overall.columns) == ["theme", "term", "count", "share", "dominant"]
    assert overall.groupby("theme", observed=True)["count"].sum().tolist() == \
        themes.by_document(scores)["hits"].tolist()


def test_drivers_flag_a_generic_word_that_carries_a_theme(extended):
    # In the eight development documents 企业 alone gives 297 of the 476 hits of 新质生产力 (62 %).
    overall = themes.drivers(extended.paragraphs, by=None).set_index(["theme", "term"])
    theme = "科技与产业融合（新质生产力）"
    row = overall.loc[(theme, "企业")]
    hits = overall.loc[theme, "count"].sum()
    assert row["count"] == 297 and hits == 476
    assert round(row["share"], 3) == round(297 / 476, 3) and row["dominant"]
    assert not overall.loc[theme].drop(index="企业")["dominant"].any()
    assert overall.groupby("theme", observed=True)["share"].sum().round(9).eq(1).all()


def test_scores_on_several_documents_label_sections_by_document(extended):
    sections = themes.by_section(themes.score(extended.paragraphs))
    assert sections["doc_id"].nunique() == len(extended.documents)
    assert sections["label"].is_unique is False  # one label per theme row …
    assert sections.drop_duplicates(["doc_id", "section"])["label"].is_unique  # … but unique per section
    assert sections["label"].iloc[0].startswith(sections["doc_id"].iloc[0] + " ")


def test_pooled_drivers_sum_the_documents_of_each_year(multi):
    per_document = themes.drivers(multi.paragraphs)
    kept = themes.pool_drivers(per_document, textstat.document_columns(multi.documents))
    assert kept is per_document  # six documents: one column each, nothing pooled
    copies = 11  # 66 documents, more than a heatmap shows one by one: pooled by year
    docs = pd.concat([multi.documents.assign(doc_id=f"c{k}_" + multi.documents["doc_id"],
                                             year=multi.documents["year"] + 10 * k) for k in range(copies)],
                     ignore_index=True)
    many = pd.concat([per_document.assign(doc_id=f"c{k}_" + per_document["doc_id"]) for k in range(copies)],
                     ignore_index=True)
    columns = textstat.document_columns(docs)
    assert columns.name == "year"
    pooled = themes.pool_drivers(many, columns)
    assert list(pooled.columns) == ["label", "section", "theme", "term", "count", "share", "dominant"]
    assert pooled["count"].sum() == many["count"].sum()
    expected = many.assign(label=many["doc_id"].map(columns)).groupby(
        ["label", "section", "theme", "term"], observed=True)["count"].sum()
    got = pooled.set_index(["label", "section", "theme", "term"])["count"]
    assert got.sort_index().equals(expected.sort_index())
    shares = pooled.groupby(["label", "section", "theme"], observed=True)["share"].sum()
    assert np.allclose(shares, 1)
    assert (pooled["dominant"] == (pooled["share"] >= themes.scoring.DOMINANT_SHARE)).all()
    assert list(dict.fromkeys(pooled["label"])) == list(columns.unique())  # years in time order
