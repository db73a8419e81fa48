"""helpers.textstat.contrast: choosing contrasts from the corpus; keyness of a contrast and against general Chinese."""

from __future__ import annotations

import datetime

import jieba
import pandas as pd
import pytest
from conftest import SPEECH
from pandas.testing import assert_frame_equal

from helpers import textstat, tokens


def test_single_document_is_compared_with_general_chinese(seed):
    contrast = textstat.choose_contrast(seed.documents)
    assert contrast.target == ("2024-06-24_xi_kejiqiangguo",) and contrast.against_general_chinese
    assert "one document" in contrast.reason
    assert textstat.comparison_unit(seed) == "section"


def test_latest_document_against_same_genre(extended_store):
    contrast = textstat.choose_contrast(extended_store.documents)
    assert contrast.target == ("2024-06-24_xi_kejiqiangguo",)
    assert contrast.reference == ("2016-05-30_xi_build-world-st-power",)
    assert textstat.comparison_unit(extended_store.corpus) == "doc_id"
    with pytest.raises(ValueError, match="no document with doc_id 'nope'"):
        textstat.choose_contrast(extended_store.documents, target="nope")


@pytest.mark.parametrize("measure", ["g2", "chi2", "log_ratio", "log_odds_dirichlet"])
def test_2024_formulations_are_key_against_2016(extended_store, measure):
    contrast = textstat.choose_contrast(extended_store.documents)
    table = textstat.keyness_between(extended_store.tokens, contrast, measure=measure, min_count=1)
    table = table.set_index("term")
    for term in ["科技自立自强", "中国式现代化"]:
        assert table.loc[term, "reference"] == 0 and table.loc[term, "target"] > 0
        assert table.loc[term, "statistic"] > 0, (term, measure)


def test_keyness_against_general_chinese(store):
    words = store.select(SPEECH).tokens
    table = textstat.keyness_against_general(words, min_count=3).set_index("term")
    assert table.loc["科技", "source"] == "list"
    assert table.loc["科技强国", "source"] in {"list", "estimated"}
    assert table.loc["科技", "statistic"] > 0  # far more frequent in this speech than in general usage
    assert table["statistic"].is_monotonic_decreasing
    assert jieba.lcut("新质生产力") == ["新质", "生产力"]  # wordfreq's own jieba left the global one alone


@pytest.mark.parametrize("measure", ["g2", "log_odds_dirichlet"])
def test_no_term_reaching_the_minimum_gives_an_empty_table(seed, measure):
    """Two sentences have no term seen three times: an empty table with the measure's columns, not an error."""
    words = tokens.segment(seed.paragraphs[seed.paragraphs["para_no"] == 1])
    contrast = textstat.choose_contrast(seed.documents)
    table = textstat.keyness_between(words, contrast, measure=measure, min_count=50)
    assert table.empty and {"term", "target", "reference", "statistic"} <= set(table.columns)
    general = textstat.keyness_against_general(words, min_count=50)
    assert general.empty and {"term", "statistic", "frequency", "source"} <= set(general.columns)


def test_one_document_of_a_corpus_is_compared_with_general_chinese(store):
    speech = store.select(SPEECH)
    contrast = textstat.choose_contrast(speech.documents)
    assert contrast.target == (SPEECH,) and contrast.against_general_chinese
    assert textstat.comparison_unit(speech.corpus) == "section"
    table = textstat.keyness_between(speech.tokens, contrast, min_count=3)
    assert_frame_equal(table, textstat.keyness_between(speech.memory.tokens, contrast, min_count=3),
                       check_dtype=False)
    assert table["term"].iloc[0] in set(textstat.frequency(speech.tokens)["term"].head(50))


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


def _reports() -> pd.DataFrame:
    """Reports of 2023 and 2024 (dated), 2025 (a year, no date), one with neither, and an edition of 2024."""
    return pd.DataFrame({
        "doc_id": ["r2023", "r2024", "r2024-web", "r2025", "undated"],
        "title": ["政府工作报告"] * 5, "genre": ["government work report"] * 5,
        "date": [datetime.date(2023, 3, 5), datetime.date(2024, 3, 5), datetime.date(2024, 3, 5), None, None],
        "year": pd.array([2023, 2024, 2024, 2025, None], dtype="Int64"),
        "edition_of": ["", "", "r2024", "", ""]})


def test_the_latest_document_is_found_by_year_when_it_has_no_date():
    chosen = textstat.choose_contrast(_reports())
    assert chosen.target == ("r2025",)
    assert "1 document(s) without a year or date not considered" in chosen.reason
    assert textstat.chronological(_reports())["doc_id"].tolist() == ["r2023", "r2024", "r2024-web", "r2025",
                                                                        "undated"]


def test_a_reference_never_holds_an_edition_of_its_target():
    chosen = textstat.choose_contrast(_reports(), target="r2024")
    assert "r2024-web" not in chosen.reference and set(chosen.reference) == {"r2023", "r2025", "undated"}
    assert "edition(s) of the target or of a reference document left out" in chosen.reason
    of_edition = textstat.choose_contrast(_reports(), target="r2024-web")
    assert "r2024" not in of_edition.reference  # nor the original of an edition chosen as target


def test_of_documents_equally_late_the_latest_is_the_longest():
    """The tables corpus ends with the 2019 work report and the resolution on it, both of 2019 without a date:
    the target was the 177-word resolution (the later row); it is the report, the main text."""
    docs = pd.DataFrame({"doc_id": ["r2018", "report-2019", "resolution-2019"], "title": ["a", "b", "c"],
                         "date": [None, None, None], "year": pd.array([2018, 2019, 2019], dtype="Int64"),
                         "genre": ["report", "report", "resolution"], "n_chars": [9000, 20000, 400]})
    assert textstat.choose_contrast(docs).target == ("report-2019",)
    later = docs.assign(date=[None, datetime.date(2019, 3, 5), datetime.date(2019, 3, 15)])  # dates decide first
    assert textstat.choose_contrast(later).target == ("resolution-2019",)
