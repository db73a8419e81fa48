"""helpers.formulations: the 提法 tracker on the cleaned text."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from conftest import reports_with_a_copy
from pandas.testing import assert_frame_equal

from helpers import corpus, formulations, textstat


def test_nested_variants_are_counted_once(seed):
    variants = formulations.track(seed, level="variant").set_index("variant")
    assert variants.loc["高水平科技自立自强", "count"] == 3
    assert variants.loc["科技自立自强", "count"] == 1
    assert variants.loc["自立自强", "count"] == 1
    family = formulations.track(seed).set_index("formulation")
    assert family.loc["科技自立自强", "count"] == 5
    assert family.loc["科技强国", "count"] == 10  # no 世界科技强国 in 2024
    body_chars = seed.documents["n_chars"].item()
    assert family.loc["中国式现代化", "per_10k_chars"] == pytest.approx(3 / body_chars * 10_000)


def test_tracker_is_independent_of_segmentation(seed):
    """The count equals a plain string count where no longer variant overlaps."""
    body = "\n".join(seed.paragraphs["text"])
    family = formulations.track(seed).set_index("formulation")
    for name in ["中国式现代化", "新质生产力", "新型举国体制", "人类命运共同体"]:
        assert family.loc[name, "count"] == body.count(name), name


def test_2016_and_2024_speeches(extended):
    tracked = formulations.track(extended)
    grid = formulations.presence(tracked)
    for name in ["科技自立自强", "中国式现代化"]:
        assert grid.loc[name, "2016-05-30_xi_build-world-st-power"] == 0
        assert grid.loc[name, "2024-06-24_xi_kejiqiangguo"] > 0
    assert grid.loc["科技强国", "2016-05-30_xi_build-world-st-power"] == 11  # 世界科技强国 ×11, plus none bare
    assert list(grid.columns) == extended.documents["doc_id"].tolist()


def test_timeline_first_and_last(extended):
    line = formulations.timeline(formulations.track(extended)).set_index("formulation")
    assert line.loc["供给侧结构性改革", "first_date"] == dt.date(2016, 3, 5)
    assert line.loc["供给侧结构性改革", "last_date"] == dt.date(2019, 3, 5)
    assert line.loc["中国式现代化", "first_doc"] == "2024-06-24_xi_kejiqiangguo"
    assert line.loc["新发展格局", "n_docs"] == 0 and pd.isna(line.loc["新发展格局", "first_date"])
    assert set(formulations.found(formulations.track(extended))["formulation"]) == set(line.index[line["total"] > 0])


def test_table_errors_name_the_line(tmp_path):
    path = tmp_path / "f.csv"
    path.write_text("formulation,variant,note\n甲,甲,\n乙,甲,dup\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"line 3: variant '甲' is already on line 2"):
        formulations.table(path)
    path.write_text("formulation,note\n甲,\n", encoding="utf-8")
    with pytest.raises(ValueError, match="missing column"):
        formulations.table(path)


@pytest.mark.parametrize("level", ["formulation", "variant"])
def test_formulations_are_counted_chunk_by_chunk_exactly(extended_store, level):
    """One body: the paragraphs read chunk by chunk (in memory, one chunk); the same counts on both storages."""
    tracked, expected = extended_store.against_memory(lambda s: formulations.track(s.corpus, level=level))
    assert_frame_equal(tracked, expected)
    assert tracked["count"].sum() > 0
    assert_frame_equal(formulations.found(tracked), formulations.found(expected))
    assert_frame_equal(formulations.timeline(tracked), formulations.timeline(expected))


def _one_year_pooled(documents: pd.DataFrame) -> pd.DataFrame:
    """The multi-document corpus' documents with the 2022 report dated 2019: three works in two years, so a
    heatmap of two columns pools them by year (2019: two reports; 2024: the speech and its edition)."""
    return documents.assign(year=documents["year"].where(documents["doc_id"] != "2022-03-05_report", 2019))


def test_heatmap_cells_count_each_work_once_as_rates(store):
    """A year with a work and its edition shows the work's rate alone; a year of two works their pooled rate
    (sum of counts / sum of characters), never the summed counts (issue 32: 高质量发展 = 25 + 25 + 4 + 4 + 2)."""
    tracked = formulations.track(store.corpus)
    documents = _one_year_pooled(store.memory.documents)
    cells = formulations.by_column(tracked, documents, max_columns=2).set_index(["formulation", "label"])
    assert set(cells.index.get_level_values("label")) == {"2019 (2 documents)", "2024 (1 document)"}
    assert set(cells["unit"]) == {"year"}
    one = tracked.set_index(["formulation", "doc_id"])
    chars = documents.set_index("doc_id")["n_chars"]
    for name in ["科技强国", "科技自立自强", "新质生产力"]:
        speech = cells.loc[(name, "2024 (1 document)")]
        assert speech["count"] == one.loc[(name, "2024-06-24_speech"), "count"] > 0
        assert speech["per_10k_chars"] == pytest.approx(one.loc[(name, "2024-06-24_speech"), "per_10k_chars"])
        reports = cells.loc[(name, "2019 (2 documents)")]
        counts = one.loc[(name, "2019-03-05_report"), "count"] + one.loc[(name, "2022-03-05_report"), "count"]
        size = chars["2019-03-05_report"] + chars["2022-03-05_report"]
        assert (reports["count"], reports["n_chars"], reports["n_documents"]) == (counts, size, 2)
        assert reports["per_10k_chars"] == pytest.approx(counts / size * 10_000)


def test_heatmap_cells_of_single_documents_leave_editions_out(store):
    tracked = formulations.track(store.corpus)
    cells = formulations.by_column(tracked, store.memory.documents)
    assert set(cells["unit"]) == {"document"}
    assert cells["label"].unique().tolist() == ["2019 政府工作报告", "2022 政府工作报告", "2024 讲话"]
    speech = tracked[tracked["doc_id"] == "2024-06-24_speech"].set_index("formulation")
    mine = cells[cells["label"] == "2024 讲话"].set_index("formulation")
    assert_frame_equal(mine[["count", "per_10k_chars"]], speech.loc[mine.index, ["count", "per_10k_chars"]],
                       check_dtype=False)


def test_heatmap_of_the_development_reports_counts_a_report_and_its_edition_once(tables, tmp_path):
    """The 61 work reports of the development tables and a second copy of the 2019 report (one sentence
    dropped): 62 documents pool by year, and the 2019 cell is the report's own rate, not twice its counts."""
    loaded = reports_with_a_copy(tables, tmp_path / "reports", "2019")
    documents = loaded.documents
    assert len(documents) == 62 and (documents["edition_of"].fillna("") != "").sum() == 1
    edition = documents.loc[documents["edition_of"].fillna("") != "", "edition_of"].item()
    tracked = formulations.track(loaded)
    cells = formulations.by_column(tracked, documents)
    assert set(cells["unit"]) == {"year"}
    # the same cells as without the edition: the year of the report (two works in the table) unchanged
    without = documents[documents["edition_of"].fillna("") == ""]
    assert_frame_equal(cells, formulations.by_column(tracked[tracked["doc_id"].isin(without["doc_id"])], without))
    year_2019 = cells[cells["label"].str.startswith("2019 ")].set_index("formulation")
    assert set(year_2019["label"]) == {"2019 (2 documents)"}  # the report and another 2019 work, not its copy
    works = without.loc[textstat.document_years(without).eq(2019).to_numpy(), "doc_id"]
    assert edition in set(works)
    counts = tracked[tracked["doc_id"].isin(works)].groupby("formulation")["count"].sum()
    size = without.set_index("doc_id").loc[works, "n_chars"].sum()
    assert year_2019.loc["高质量发展", "count"] == counts["高质量发展"] > 0
    assert year_2019["per_10k_chars"].to_numpy() == pytest.approx(
        (counts[year_2019.index] / size * 10_000).to_numpy())


def test_timeline_with_the_documents_counts_each_work_once(store):
    tracked = formulations.track(store.corpus)
    works = corpus.first_editions(store.memory.documents)["doc_id"]
    line = formulations.timeline(tracked, documents=store.memory.documents)
    assert_frame_equal(line, formulations.timeline(tracked[tracked["doc_id"].isin(works)].reset_index(drop=True)))
    every = formulations.timeline(tracked).set_index("formulation")
    assert (line.set_index("formulation").loc["科技强国", ["n_docs", "total"]] < every.loc["科技强国",
                                                                                            ["n_docs", "total"]]).all()
