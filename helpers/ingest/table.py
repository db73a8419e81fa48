"""Corpus tables: one document per row of a ``.csv``, ``.tsv``, ``.jsonl``, ``.json``, ``.xlsx`` or ``.parquet`` file.

The text column is found by name (:data:`TEXT_COLUMNS`, case-insensitive;
when several columns are named like one, the one holding text) or named by
the caller; every sheet of a workbook is read (a sheet without a text column
is skipped by name), its merged cells filled from their top-left value; quotes
in a TSV's text are kept.  The other columns are kept as metadata, renamed to the
workspace's names where they match (:data:`COLUMN_NAMES`: ``url`` → ``source``,
``type`` → ``genre``, ``标题`` → ``title`` …).  Each row gets a stable
``doc_id``: the row's id column if there is one, else the file stem and the
row number.  The cells are read as they are: completing a missing genre or
year (from the title, the date …) is the corpus's job, with the rules a text
gets (:func:`helpers.corpus.metadata.complete_rows`).
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from contextlib import contextmanager
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
_NUMBER = re.compile(r"[-+]?[\d,.]*\d[\d,.]*%?|")  # a number, or nothing
COLUMNS = ["doc_id", "file", "row", "title", "speaker", "date", "year", "occasion", "genre", "source", "text"]


def read_table(path: Path, *, text_column: str | None = None, label: str | None = None) -> pd.DataFrame:
    """One row per document of the corpus table at ``path``.

    Returns ``doc_id, file, row, title, speaker, date, year, occasion, genre,
    source, text`` and then the table's other columns (``sheet`` for a workbook
    of several sheets, each read); ``row`` is the 1-based data row (of its
    sheet), the metadata the cells as text (``year`` too), missing metadata
    empty strings, merged cells of a workbook filled from their top-left value.
    ``attrs["notes"]`` says what the reader decided: the text column chosen
    among several named like one, the sheets skipped (by name, with the
    reason), the merged cells filled.  Raises
    :class:`~helpers.errors.CorpusError` naming the file (and sheet, row) for
    an unreadable file, a missing text column (listing the columns found), an
    empty or non-text cell in the text column, or a duplicate id.
    """
    path = Path(path)
    label = label or str(path)
    sheets, notes = _read(path, label)
    several = len(sheets) > 1
    parts, skipped = [], []
    for name, frame in sheets:
        where = f"{label}, sheet {name!r}" if several else label
        try:
            if frame.empty:
                raise CorpusError(f"{where}: the table has no rows")
            text_col, note = _text_column(frame, text_column, where)
        except CorpusError as error:
            if not several:
                raise
            skipped.append(f"sheet {name!r} ({str(error).removeprefix(where + ': ')})")
            continue
        if note:
            notes.append(note)
        rows = _rows(frame, text_col, path, where, id_prefix=f"{name}-" if parts else "")
        parts.append(rows.assign(sheet=name) if several else rows)
    if not parts:
        raise CorpusError(f"{label}: no sheet holds documents: {'; '.join(skipped)}")
    notes += [f"{label}: {what} skipped, not read as documents" for what in skipped]
    out = pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]
    dupes = out["doc_id"][out["doc_id"].duplicated()]
    if not dupes.empty:
        first = dupes.iloc[0]
        numbers = out.loc[out["doc_id"] == first, "row"].tolist()
        raise CorpusError(f"{label}: duplicate id {first!r} in rows {numbers}")
    extra = [c for c in out.columns if c not in COLUMNS]
    out = out[COLUMNS + extra]
    out.attrs["notes"] = notes
    return out


def _rows(frame: pd.DataFrame, text_col: str, path: Path, label: str, *, id_prefix: str) -> pd.DataFrame:
    """The documents of one table (or sheet) whose texts are in ``text_col``."""
    renamed = {c: COLUMN_NAMES[str(c).strip().lower()] for c in frame.columns
               if c != text_col and str(c).strip().lower() in COLUMN_NAMES}
    taken: set[str] = set()
    for column, name in list(renamed.items()):  # the first column of each name wins (e.g. source over url)
        if name in taken or (name in frame.columns and name != column):
            del renamed[column]
        taken.add(name)
    texts = values_of(frame[text_col])
    _check_texts(texts, text_col, label)
    numbers = range(1, len(texts) + 1)
    columns: dict[str, list] = {name: [""] * len(texts) for name in METADATA}
    others: dict[str, list] = {}
    for column in frame.columns:  # column by column: a row's dict would cost more than its document
        if column == text_col:
            continue
        values = values_of(frame[column])
        if column in renamed:
            columns[renamed[column]] = [_cell(value) for value in values]
        else:
            others[str(column)] = values
    stem = f"{path.stem}-{id_prefix}"
    columns["doc_id"] = [given or f"{stem}{str(number).zfill(3)}"
                         for given, number in zip(columns["doc_id"], numbers, strict=True)]
    columns["file"] = [path.name] * len(texts)
    columns["row"] = list(numbers)
    columns["text"] = texts
    columns.update(others)  # as a row's dict did: a kept column named like one of these wins, in its place
    return pd.DataFrame(columns)


def values_of(column: pd.Series) -> list:
    """A column's values as a list of Python objects (a column of strings through numpy: iterating an Arrow
    string column in Python costs ten times more)."""
    if isinstance(column.dtype, pd.StringDtype):
        return column.to_numpy(dtype=object).tolist()
    return column.tolist()


def _check_texts(texts: list, text_col: str, label: str) -> None:
    """Refuse the first row whose text cell is empty or not text, naming it."""
    for number, text in enumerate(texts, start=1):
        if isinstance(text, str) and text.strip():
            continue
        if isinstance(text, str) or text is None or pd.isna(text):
            raise CorpusError(f"{label}, row {number}: the text column {text_col!r} is empty")
        raise CorpusError(f"{label}, row {number}: the text column {text_col!r} holds "
                          f"{type(text).__name__}, not text")


def _read(path: Path, label: str) -> tuple[list[tuple[str, pd.DataFrame]], list[str]]:
    """The table's sheets ``(name, frame)`` (one, named after the file, but for a workbook) and notes."""
    suffix = path.suffix.lower()
    try:
        if suffix in (".csv", ".tsv"):
            text = read(path, label=label).text
            return [(path.stem, _read_delimited(text, "\t" if suffix == ".tsv" else ",", label))], []
        if suffix == ".jsonl":
            return [(path.stem, _read_jsonl(path, label))], []
        if suffix == ".json":
            return [(path.stem, _read_json(path, label))], []
        if suffix == ".xlsx":
            return _read_workbook(path, label)
        if suffix == ".parquet":
            return [(path.stem, pd.read_parquet(path))], []
    except CorpusError:
        raise
    except Exception as error:  # each reader has its own exceptions for a broken file
        raise CorpusError(f"{label}: cannot read the table ({type(error).__name__}: {error})") from None
    raise CorpusError(f"{label}: not a table file (expected one of {', '.join(TABLE_SUFFIXES)})")


def _read_delimited(text: str, sep: str, label: str) -> pd.DataFrame:
    """A CSV, or a TSV: quotes in a TSV's text are kept, unless its writer quoted the cells that needed it
    (the file is then exactly what a quoting writer makes of the cells it reads as).  A CSV whose quotes
    the CSV rules would drop (``"科技"是…`` in an unquoted field) is refused, naming the line."""
    quoting = csv.QUOTE_MINIMAL
    if sep == "\t" and '"' in text and not _written_quoted(text):
        quoting = csv.QUOTE_NONE
    if sep == "," and '"' in text:
        reader = csv.reader(io.StringIO(text), strict=True)
        try:
            with long_fields():
                for _ in reader:
                    pass
        except csv.Error as error:
            raise CorpusError(f"{label}, line {reader.line_num}: a quote the CSV rules would drop ({error}): "
                              "quote the whole field and double the quotes inside it (\"\"\"科技\"\"是…\")"
                              ) from None
    return pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False, quoting=quoting)


@contextmanager
def long_fields():
    """Let the csv module read fields of any length (its default stops at 131,072 characters), then restore it.

    The limit is a process-wide setting of the csv module; it is changed only for the span of one read.
    """
    previous = csv.field_size_limit()
    csv.field_size_limit(sys.maxsize)
    try:
        yield
    finally:
        csv.field_size_limit(previous)


def _written_quoted(text: str) -> bool:
    """Whether a TSV's text is what a quoting writer (minimal or all) makes of the cells it parses to."""
    try:
        with long_fields():
            rows = list(csv.reader(io.StringIO(text), delimiter="\t", strict=True))
    except csv.Error:
        return False
    given = text.replace("\r\n", "\n").rstrip("\n")
    for quoting in (csv.QUOTE_MINIMAL, csv.QUOTE_ALL):
        buffer = io.StringIO()
        csv.writer(buffer, delimiter="\t", quoting=quoting, lineterminator="\n").writerows(rows)
        if buffer.getvalue().rstrip("\n") == given:
            return True
    return False


def _read_workbook(path: Path, label: str) -> tuple[list[tuple[str, pd.DataFrame]], list[str]]:
    """Every sheet of a workbook, merged cells filled from their top-left value."""
    import openpyxl

    book = openpyxl.load_workbook(path, data_only=True)
    merged = 0
    for sheet in book.worksheets:
        for cells in list(sheet.merged_cells.ranges):
            value = sheet.cell(cells.min_row, cells.min_col).value
            sheet.unmerge_cells(str(cells))
            for row in sheet.iter_rows(min_row=cells.min_row, max_row=cells.max_row, min_col=cells.min_col,
                                       max_col=cells.max_col):
                for cell in row:
                    cell.value = value
            merged += 1
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    sheets = pd.read_excel(buffer, sheet_name=None, engine="openpyxl", dtype=object)
    notes = [f"{label}: {merged} merged cell range(s) filled from their top-left value"] if merged else []
    return list(sheets.items()), notes


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
    """The column of the table at ``path`` that holds the texts (of its first sheet that has one), or None
    when it has none (a table of notes or sources rather than of documents).  An unreadable file raises
    :class:`~helpers.errors.CorpusError`."""
    sheets, _ = _read(Path(path), label or str(path))
    for _, frame in sheets:
        try:
            return _text_column(frame, text_column, label or str(path))[0]
        except CorpusError:
            continue
    return None


def _text_column(frame: pd.DataFrame, wanted: str | None, label: str) -> tuple[str, str]:
    """The text column and a note: when several columns are named like one (:data:`TEXT_COLUMNS`), the one
    holding the most text (cells that are not numbers) is read, and the note says so."""
    columns = [str(c) for c in frame.columns]
    if wanted is not None:
        if wanted not in columns:
            raise CorpusError(f"{label}: no text column {wanted!r}; the columns are {columns}")
        return wanted, ""
    named = [column for name in TEXT_COLUMNS for column in columns if column.strip().lower() == name]
    if not named:
        raise CorpusError(f"{label}: no text column (one of {', '.join(TEXT_COLUMNS)}); the columns are "
                          f"{columns}; name it with text_column=")
    if len(named) == 1:
        return named[0], ""
    amounts = {column: _text_amount(frame[column]) for column in named}
    chosen = max(named, key=lambda column: amounts[column])  # a tie goes to the name first in TEXT_COLUMNS
    shown = ", ".join(f"{column!r} ({amounts[column]:,})" for column in named)
    return chosen, (f"{label}: columns {shown} are each named like a text column (characters of text in "
                    f"brackets, numbers not counted); the texts are read from {chosen!r}, the others kept as "
                    "columns (name another with text_column=)")


def _text_amount(values: pd.Series) -> int:
    """Characters of text in a column: its string cells that are not numbers."""
    return sum(len(v.strip()) for v in values if isinstance(v, str) and not _NUMBER.fullmatch(v.strip()))


def _cell(value) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return str(value).strip()
