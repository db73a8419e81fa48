"""A long table on disk: its rows read in slices, each a chunk of the corpus store, with the ids and texts of the
load in memory (issue 33: tables of any length).  The memory and time of a 1,000,000-row table are a benchmark
(bench/bench_tables.py), not a test."""

from __future__ import annotations

import random
import warnings

import pandas as pd
import pytest

from helpers import corpus
from helpers.corpus import stream
from helpers.errors import CorpusWarning

ROWS = 20_000
# characters of a policy text: rows drawn from them rarely share most of their 4-grams (they are not editions)
CHARACTERS = ("坚持以人民为中心的发展思想推进国家治理体系和治理能力现代化全面深化改革开放建设社会主义"
              "市场经济体制完善科技创新生态环境保护乡村振兴区域协调教育卫生健康就业收入分配")


def _table(folder, rows: int = ROWS) -> None:
    rng = random.Random(33)
    texts = ["".join(rng.choice(CHARACTERS) for _ in range(rng.randint(12, 24))) + "。" for _ in range(rows)]
    years = ["" if i % 7 == 0 else str(2000 + i % 20) for i in range(rows)]  # a year missing: from the title
    titles = [f"{2000 + i % 20}年第{i}号" for i in range(rows)]
    pd.DataFrame({"title": titles, "text": texts, "year": years}).to_csv(folder / "rows.csv", index=False)


def _load(folder, **options):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        return corpus.load(folder, cache=False, **options)


@pytest.fixture(scope="module")
def long_table(tmp_path_factory):
    folder = tmp_path_factory.mktemp("long-table")
    _table(folder)
    return folder


@pytest.fixture(scope="module")
def in_memory(long_table):
    return _load(long_table, stream=False)


def test_long_table_on_disk_in_chunks_equals_memory(long_table, in_memory, tmp_path, capfd):
    on_disk = _load(long_table, stream=True, progress=True, workers=2)
    size = (long_table / "rows.csv").stat().st_size
    store = on_disk.disk.store(chunk_bytes=size // 5, path=tmp_path)  # slices of a fifth of the table's rows
    assert store.manifest["chunks"] >= 5
    assert "reading corpus" in capfd.readouterr().err  # the progress bar of the build
    documents = store.documents
    assert len(documents) == len(in_memory.documents) == ROWS
    assert documents["doc_id"].tolist() == in_memory.documents["doc_id"].tolist()
    assert documents["doc_id"].iloc[0] == "rows-001" and documents["doc_id"].is_unique
    columns = ["doc_id", "year", "file", "n_chars", "metadata", "input_kind"]
    pd.testing.assert_frame_equal(documents[columns].reset_index(drop=True),
                                  in_memory.documents[columns].reset_index(drop=True), check_dtype=False)
    disk_paragraphs = store.table("paragraphs").sort_values(["doc_id", "para_no"]).reset_index(drop=True)
    memory_paragraphs = in_memory.paragraphs.sort_values(["doc_id", "para_no"]).reset_index(drop=True)
    assert disk_paragraphs["doc_id"].tolist() == memory_paragraphs["doc_id"].tolist()
    assert disk_paragraphs["text"].tolist() == memory_paragraphs["text"].tolist()
    # the table's note (what was derived) is said once, with its first row, as in memory
    said = store.table("notes")
    assert said["message"].str.contains("read as documents").sum() == 1
    assert sorted(zip(said["doc_id"], said["message"], strict=True)) == sorted(
        zip(in_memory.notes["doc_id"], in_memory.notes["message"], strict=True))  # each chunk's in its own order
    assert (documents["year"].to_numpy() == in_memory.documents["year"].to_numpy()).all()


def test_long_table_default_store_equals_memory(long_table, in_memory):
    """The corpus' own store (the default chunk size) holds the texts of the load in memory."""
    on_disk = _load(long_table, stream=True, workers=1)
    texts = on_disk.paragraphs.to_pandas() if hasattr(on_disk.paragraphs, "to_pandas") else on_disk.paragraphs
    assert sorted(zip(texts["doc_id"], texts["text"], strict=True)) == sorted(
        zip(in_memory.paragraphs["doc_id"], in_memory.paragraphs["text"], strict=True))


def test_table_above_the_threshold_loads_on_disk(tmp_path, monkeypatch):
    """A table file larger than STREAM_TABLE_BYTES makes the corpus load on disk; a smaller one stays in memory."""
    _table(tmp_path, rows=300)
    size = (tmp_path / "rows.csv").stat().st_size
    monkeypatch.setattr(stream, "STREAM_TABLE_BYTES", size - 1)
    assert _load(tmp_path).storage == "disk"
    monkeypatch.setattr(stream, "STREAM_TABLE_BYTES", size)
    assert _load(tmp_path).storage == "memory"


def test_select_reads_only_the_wanted_rows(long_table, in_memory):
    """Some documents of a long table on disk read into memory: those rows only, with their texts."""
    on_disk = _load(long_table, stream=True, workers=1)
    wanted = ["rows-001", "rows-12345"]
    picked = on_disk.select(wanted)
    assert sorted(picked.documents["doc_id"]) == wanted
    expected = in_memory.paragraphs[in_memory.paragraphs["doc_id"].isin(wanted)].sort_values("doc_id")
    assert picked.paragraphs.sort_values("doc_id")["text"].tolist() == expected["text"].tolist()


def test_development_tables_on_disk_equal_memory(tables, tmp_path):
    """The two real tables (61 and 15 long reports) read as row slices on disk: the same documents, paragraphs,
    sentences and notes as in memory."""
    in_memory = _load(tables, stream=False)
    store = _load(tables, stream=True, workers=1).disk.store(chunk_bytes=200_000, path=tmp_path)
    assert store.manifest["chunks"] > 2  # each table cut into slices of rows
    key = ["doc_id", "para_no"]
    columns = ["doc_id", "para_no", "section", "text", "n_chars"]
    disk = store.table("paragraphs")[columns].sort_values(key).reset_index(drop=True)
    memory = in_memory.paragraphs[columns].sort_values(key).reset_index(drop=True)
    pd.testing.assert_frame_equal(disk, memory, check_dtype=False)
    documents = ["doc_id", "title", "year", "genre", "n_chars", "n_sentences", "edition_of"]
    pd.testing.assert_frame_equal(store.documents[documents].reset_index(drop=True),
                                  in_memory.documents[documents].reset_index(drop=True), check_dtype=False)
    said, notes = store.table("notes"), in_memory.notes.dropna(subset=["doc_id"])  # the folder's notes aside
    assert sorted(zip(said["doc_id"], said["message"], strict=True)) == sorted(
        zip(notes["doc_id"], notes["message"], strict=True))


def test_editions_on_disk_equal_memory_with_rows_that_cannot_match(tmp_path):
    """Near copies (a template with a number), exact copies and different rows in one table: on disk the edition
    screen leaves out the rows that can have no edition and finds the same editions as in memory."""
    rng = random.Random(7)
    texts = [f"请各单位按照要求认真做好第{i}项工作并及时报告。" for i in range(150)]
    texts += ["".join(rng.choice(CHARACTERS) for _ in range(40)) + "。" for _ in range(150)]
    texts += texts[150:160]  # exact copies of ten different rows
    pd.DataFrame({"text": texts}).to_csv(tmp_path / "rows.csv", index=False)
    in_memory = _load(tmp_path, stream=False)
    on_disk = _load(tmp_path, stream=True, workers=1)
    marked = in_memory.documents.set_index("doc_id")["edition_of"].fillna("")
    assert (marked != "").sum() > 150  # the near copies and the exact copies are editions
    assert on_disk.documents.set_index("doc_id")["edition_of"].fillna("").sort_index().equals(marked.sort_index())
