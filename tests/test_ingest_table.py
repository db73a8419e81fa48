"""Corpus tables: the two real JSON Lines tables and the same rows written in every other table format."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pandas as pd
import pytest

from helpers import config
from helpers.corpus.metadata import complete_rows
from helpers.errors import CorpusError
from helpers.ingest import input_kind, read_table

TABLES = config.tables_dir() or Path("../shared/corpus-tables")
GWR = TABLES / "government_work_reports_1954-2019.jsonl"
CPC = TABLES / "cpc_congress_reports_1-19.jsonl"


def _load(path: Path) -> pd.DataFrame:
    start = time.perf_counter()
    frame = complete_rows(read_table(path))  # the genre and year a corpus gives each row
    print(f"{path.name}: {len(frame)} documents in {time.perf_counter() - start:.3f} s")
    return frame


def test_government_work_reports_table(tables):
    docs = _load(GWR)
    raw = [json.loads(line) for line in GWR.read_text(encoding="utf-8").splitlines()]
    assert len(docs) == 61 and docs["doc_id"].is_unique
    assert docs["title"].tolist() == [r["title"] for r in raw]
    assert docs["text"].tolist() == [r["content"] for r in raw]
    assert docs["source"].tolist() == [r["url"] for r in raw]
    resolutions = docs[docs["genre"] == "resolution"]
    assert len(resolutions) == sum(r["year"] is None for r in raw) == 14
    assert resolutions["title"].str.endswith("关于政府工作报告的决议").all()
    reports = docs[docs["genre"] == "government work report"]
    assert reports["year"].tolist() == [int(r["year"]) for r in raw if r["year"] is not None]
    assert docs.set_index("title").loc["第十三届全国人民代表大会第二次会议关于政府工作报告的决议", "year"] == 2019
    assert docs["year"].notna().all() and docs["year"].between(1954, 2019).all()
    assert docs.loc[0, "doc_id"] == "government_work_reports_1954-2019-001" and docs.loc[0, "row"] == 1


def test_congress_reports_table(tables):
    docs = _load(CPC)
    assert len(docs) == 15
    assert (docs["genre"] == "party congress report").all()  # from the table's own type column
    assert docs["congress"].tolist()[:3] == [1, 1, 3]
    assert docs.set_index("congress").loc[19, "year"] == 2017 and docs["year"].notna().all()
    assert "derived" in docs and docs["derived"].str.contains("congress").all()


def test_genre_from_title_when_absent(tmp_path):
    path = tmp_path / "t.csv"
    pd.DataFrame({"标题": ["关于2019年政府工作报告的决议", "在中国共产党第十九次全国代表大会上的报告",
                           "2017年政府工作报告", "在科学大会上的讲话", "无题"],
                  "正文": ["甲。", "乙。", "丙。", "丁。", "戊。"]}).to_csv(path, index=False)
    cells = read_table(path)  # the reader gives the cells as they are; the corpus completes them
    assert cells["genre"].tolist() == [""] * 5 and cells["year"].tolist() == [""] * 5 and "derived" not in cells
    docs = complete_rows(cells)
    assert docs["genre"].tolist() == ["resolution", "party congress report", "government work report", "speech", ""]
    assert docs["year"].tolist()[:3] == [2019, pd.NA, 2017]
    assert docs["derived"].tolist()[:2] == ["genre from title; year from title", "genre from title"]
    assert list(docs.columns[:12]) == ["doc_id", "file", "row", "title", "speaker", "date", "year", "occasion",
                                       "genre", "source", "text", "derived"]


@pytest.mark.parametrize("suffix", [".csv", ".tsv", ".json", ".jsonl", ".xlsx", ".parquet"])
def test_every_table_format(tables, tmp_path, suffix):
    rows = pd.read_json(GWR, lines=True, dtype=False).head(4).rename(columns={"content": "body"})
    rows.insert(0, "id", [f"gwr-{i}" for i in range(4)])
    path = tmp_path / f"four{suffix}"
    if suffix in (".csv", ".tsv"):
        rows.to_csv(path, index=False, sep="\t" if suffix == ".tsv" else ",")
    elif suffix == ".json":
        path.write_text(json.dumps(rows.to_dict("records"), ensure_ascii=False), encoding="utf-8")
    elif suffix == ".jsonl":
        rows.to_json(path, orient="records", lines=True, force_ascii=False)
    elif suffix == ".xlsx":
        rows.to_excel(path, index=False, engine="openpyxl")
    else:
        rows.to_parquet(path)
    assert input_kind(path) == "table"
    docs = complete_rows(read_table(path))
    assert docs["doc_id"].tolist() == ["gwr-0", "gwr-1", "gwr-2", "gwr-3"]
    assert docs["text"].tolist() == rows["body"].tolist()
    assert docs["year"].tolist() == [2019, 2019, 2018, 2018]
    assert docs["genre"].tolist() == ["government work report", "resolution"] * 2


def test_text_column_named_by_the_user(tmp_path):
    path = tmp_path / "named.csv"
    pd.DataFrame({"title": ["甲"], "speech": ["一段话。"]}).to_csv(path, index=False)
    with pytest.raises(CorpusError, match=r"named\.csv: no text column .*the columns are \['title', 'speech'\]"):
        read_table(path)
    assert read_table(path, text_column="speech")["text"].tolist() == ["一段话。"]


def test_empty_text_names_the_row(tmp_path):
    path = tmp_path / "gaps.jsonl"
    path.write_text('{"title": "a", "text": "有字。"}\n{"title": "b", "text": "  "}\n', encoding="utf-8")
    with pytest.raises(CorpusError, match=r"gaps\.jsonl, row 2: the text column 'text' is empty"):
        read_table(path)


def test_broken_jsonl_line_and_duplicate_ids(tmp_path):
    path = tmp_path / "broken.jsonl"
    path.write_text('{"text": "一。"}\n{"text": "二。"\n', encoding="utf-8")
    with pytest.raises(CorpusError, match=r"broken\.jsonl, line 2: not valid JSON"):
        read_table(path)
    path = tmp_path / "dupes.csv"
    pd.DataFrame({"id": ["x", "y", "x"], "text": ["一。", "二。", "三。"]}).to_csv(path, index=False)
    with pytest.raises(CorpusError, match=r"dupes\.csv: duplicate id 'x' in rows \[1, 3\]"):
        read_table(path)


def test_unreadable_table(tmp_path):
    path = tmp_path / "bad.xlsx"
    path.write_bytes(b"PK\x03\x04 not a workbook")
    with pytest.raises(CorpusError, match=r"bad\.xlsx: cannot read the table"):
        read_table(path)
