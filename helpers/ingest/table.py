"""Corpus tables: one document per row of a ``.csv``, ``.tsv``, ``.jsonl``, ``.json``, ``.xlsx`` or ``.parquet`` file.

The text column is found by name (:data:`TEXT_COLUMNS`, case-insensitive) or
named by the caller; the other columns are kept as metadata, renamed to the
workspace's names where they match (:data:`COLUMN_NAMES`: ``url`` → ``source``,
``type`` → ``genre``, ``标题`` → ``title`` …).  Each row gets a stable
``doc_id``: the row's id column if there is one, else the file stem and the
row number.  The cells are read as they are: completing a missing genre or
year (from the title, the date …) is the corpus's job, with the rules a text
gets (:func:`helpers.corpus.metadata.complete_rows`).
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd

from ..errors import CorpusError
from .textfile import read

TABLE_SUFFIXES = (".csv", ".tsv", ".jsonl", ".json", ".xlsx", ".parquet")
TEXT_COLUMNS = ("text", "content", "body", "正文", "内容", "全文", "文本")
COLUMN_NAMES = {
    "id": "doc_id", "doc_id": "doc_id", "编号": "doc_id",
    "title": "title", "标题": "title", "题目": "title",
    "speaker": "speaker", "author": "speaker", "作者": "speaker", "讲话人": "speaker",
    "date": "date", "日期": "date", "时间": "date",
    "year": "year", "年份": "year", "年": "year",
    "occasion": "occasion", "场合": "occasion", "会议": "occasion",
    "genre": "genre", "type": "genre", "类型": "genre", "文体": "genre", "体裁": "genre",
    "source": "source", "url": "source", "link": "source", "来源": "source", "出处": "source",
}
METADATA = ["doc_id", "file", "title", "speaker", "date", "year", "occasion", "genre", "source"]
COLUMNS = ["doc_id", "file", "row", "title", "speaker", "date", "year", "occasion", "genre", "source", "text"]


def read_table(path: Path, *, text_column: str | None = None, label: str | None = None) -> pd.DataFrame:
    """One row per document of the corpus table at ``path``.

    Returns ``doc_id, file, row, title, speaker, date, year, occasion, genre,
    source, text`` and then the table's other columns; ``row`` is the 1-based
    data row, the metadata the cells as text (``year`` too), missing metadata
    empty strings.  Raises :class:`~helpers.errors.CorpusError` naming the file (and
    row) for an unreadable file, a missing text column (listing the columns
    found), an empty or non-text cell in the text column, or a duplicate id.
    """
    path = Path(path)
    label = label or str(path)
    frame = _read(path, label)
    if frame.empty:
        raise CorpusError(f"{label}: the table has no rows")
    text_col = _text_column(frame, text_column, label)
    renamed = {c: COLUMN_NAMES[str(c).strip().lower()] for c in frame.columns
               if c != text_col and str(c).strip().lower() in COLUMN_NAMES}
    taken: set[str] = set()
    for column, name in list(renamed.items()):  # the first column of each name wins (e.g. source over url)
        if name in taken or (name in frame.columns and name != column):
            del renamed[column]
        taken.add(name)
    rows = []
    for number, record in enumerate(frame.to_dict("records"), start=1):
        rows.append(_document(record, number, text_col, renamed, path, label))
    out = pd.DataFrame(rows)
    dupes = out["doc_id"][out["doc_id"].duplicated()]
    if not dupes.empty:
        first = dupes.iloc[0]
        numbers = out.loc[out["doc_id"] == first, "row"].tolist()
        raise CorpusError(f"{label}: duplicate id {first!r} in rows {numbers}")
    extra = [c for c in out.columns if c not in COLUMNS]
    return out[COLUMNS + extra]


def _read(path: Path, label: str) -> pd.DataFrame:
    suffix = path.suffix.lower()
    try:
        if suffix in (".csv", ".tsv"):
            text = read(path, label=label).text
            return pd.read_csv(io.StringIO(text), sep="\t" if suffix == ".tsv" else ",", dtype=str,
                               keep_default_na=False)
        if suffix == ".jsonl":
            return _read_jsonl(path, label)
        if suffix == ".json":
            return _read_json(path, label)
        if suffix == ".xlsx":
            return pd.read_excel(path, engine="openpyxl", dtype=object)
        if suffix == ".parquet":
            return pd.read_parquet(path)
    except CorpusError:
        raise
    except Exception as error:  # each reader has its own exceptions for a broken file
        raise CorpusError(f"{label}: cannot read the table ({type(error).__name__}: {error})") from None
    raise CorpusError(f"{label}: not a table file (expected one of {', '.join(TABLE_SUFFIXES)})")


def _read_jsonl(path: Path, label: str) -> pd.DataFrame:
    records = []
    for number, line in enumerate(read(path, label=label).text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise CorpusError(f"{label}, line {number}: not valid JSON ({error.msg})") from None
        if not isinstance(record, dict):
            raise CorpusError(f"{label}, line {number}: expected a JSON object, found {type(record).__name__}")
        records.append(record)
    return pd.DataFrame(records)


def _read_json(path: Path, label: str) -> pd.DataFrame:
    try:
        data = json.loads(read(path, label=label).text)
    except json.JSONDecodeError as error:
        raise CorpusError(f"{label}: not valid JSON ({error.msg}, line {error.lineno})") from None
    if isinstance(data, dict):  # {"documents": [...]} or {"column": [values]}
        lists = [v for v in data.values() if isinstance(v, list) and v and isinstance(v[0], dict)]
        data = lists[0] if len(lists) == 1 else data
    if isinstance(data, list) and all(isinstance(r, dict) for r in data):
        return pd.DataFrame(data)
    if isinstance(data, dict):
        return pd.DataFrame(data)
    raise CorpusError(f"{label}: expected a list of JSON objects (one per document)")


def text_column_of(path: Path, *, text_column: str | None = None, label: str | None = None) -> str | None:
    """The column of the table at ``path`` that holds the texts, or None when it has none (a table of notes or
    sources rather than of documents).  An unreadable file raises :class:`~helpers.errors.CorpusError`."""
    frame = _read(Path(path), label or str(path))
    try:
        return _text_column(frame, text_column, label or str(path))
    except CorpusError:
        return None


def _text_column(frame: pd.DataFrame, wanted: str | None, label: str) -> str:
    columns = [str(c) for c in frame.columns]
    if wanted is not None:
        if wanted not in columns:
            raise CorpusError(f"{label}: no text column {wanted!r}; the columns are {columns}")
        return wanted
    for name in TEXT_COLUMNS:
        for column in columns:
            if column.strip().lower() == name:
                return column
    raise CorpusError(f"{label}: no text column (one of {', '.join(TEXT_COLUMNS)}); the columns are {columns}; "
                      "name it with text_column=")


def _cell(value) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return str(value).strip()


def _document(record: dict, number: int, text_col: str, renamed: dict, path: Path, label: str) -> dict:
    text = record[text_col]
    if not isinstance(text, str):
        if text is None or pd.isna(text):
            raise CorpusError(f"{label}, row {number}: the text column {text_col!r} is empty")
        raise CorpusError(f"{label}, row {number}: the text column {text_col!r} holds "
                          f"{type(text).__name__}, not text")
    if not text.strip():
        raise CorpusError(f"{label}, row {number}: the text column {text_col!r} is empty")
    doc = dict.fromkeys(METADATA, "")
    others = {}
    for column, value in record.items():
        if column == text_col:
            continue
        if column in renamed:
            doc[renamed[column]] = _cell(value)
        else:
            others[str(column)] = value
    width = max(3, len(str(number)))
    if not doc["doc_id"]:
        doc["doc_id"] = f"{path.stem}-{number:0{width}d}"
    doc["file"] = path.name
    return {**doc, "row": number, "text": text, **others}
