"""Corpus tables: one document per row of a ``.csv``, ``.tsv``, ``.jsonl``, ``.json``, ``.xlsx`` or ``.parquet`` file.

The text column is found by name (:data:`TEXT_COLUMNS`, case-insensitive) or
named by the caller; the other columns are kept as metadata, renamed to the
workspace's names where they match (:data:`COLUMN_NAMES`: ``url`` → ``source``,
``type`` → ``genre``, ``标题`` → ``title`` …).  Each row gets a stable
``doc_id``: the row's id column if there is one, else the file stem and the
row number.  A missing genre is recognised from the title (:func:`genre_of`),
a missing year from the date or from a year in the title; ``derived`` says
what was derived and from where.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pandas as pd

from ..errors import CorpusError

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
METADATA = ["doc_id", "file", "title", "speaker", "date", "occasion", "genre", "source"]
COLUMNS = ["doc_id", "file", "row", "title", "speaker", "date", "year", "occasion", "genre", "source",
           "text", "derived"]
# Genre recognised from a title, first match wins: (pattern, genre).
GENRE_RULES = [
    (re.compile(r"决议|決議"), "resolution"),
    (re.compile(r"政府工作报告|政府工作報告"), "government work report"),
    (re.compile(r"全国代表大会上的(?:政治)?报告|全國代表大會上的(?:政治)?報告|党的全国代表大会"),
     "party congress report"),
    (re.compile(r"讲话|講話|致辞|致辭|演讲|演講"), "speech"),
]
# Genre values of source tables, spelled as the workspace spells them.
GENRE_VALUES = {"cpc_congress_report": "party congress report", "gwr": "government work report"}
_YEAR = re.compile(r"(1[89]\d\d|20\d\d)\s*年")
# Year of each CPC National Congress (a ``congress`` column), and of each NPC session named in a title
# (第N届全国人民代表大会第K次会议): the 1st–5th NPCs explicitly, from the 6th on one session a year.
CONGRESS_YEARS = dict(enumerate([1921, 1922, 1923, 1925, 1927, 1928, 1945, 1956, 1969, 1973, 1977, 1982,
                                 1987, 1992, 1997, 2002, 2007, 2012, 2017, 2022], start=1))
NPC_SESSION_YEARS = {1: [1954, 1955, 1956, 1957, 1958], 2: [1959, 1960, 1962, 1963], 3: [1964], 4: [1975],
                     5: [1978, 1979, 1980, 1981, 1982]}
_NPC_SESSION = re.compile(r"第([一二三四五六七八九十]+)届全国人民代表大会第([一二三四五六七八九十]+)次会议")
_NUMERALS = dict(zip("一二三四五六七八九", range(1, 10), strict=True))


def _numeral(text: str) -> int:
    """一 … 九十九 as an integer."""
    if "十" not in text:
        return _NUMERALS[text]
    tens, _, units = text.partition("十")
    return (_NUMERALS[tens] if tens else 1) * 10 + (_NUMERALS[units] if units else 0)


def npc_session_year(title: str) -> int | None:
    """The year of the NPC session a title names (``第十三届全国人民代表大会第二次会议`` → 2019), or None."""
    match = _NPC_SESSION.search(title or "")
    if not match:
        return None
    term, session = _numeral(match.group(1)), _numeral(match.group(2))
    if term >= 6:
        return 1983 + 5 * (term - 6) + session - 1
    years = NPC_SESSION_YEARS.get(term, [])
    return years[session - 1] if session <= len(years) else None


def genre_of(title: str) -> str | None:
    """The genre a title names (see :data:`GENRE_RULES`), or None."""
    for pattern, genre in GENRE_RULES:
        if pattern.search(title or ""):
            return genre
    return None


def read_table(path: Path, *, text_column: str | None = None, label: str | None = None) -> pd.DataFrame:
    """One row per document of the corpus table at ``path``.

    Returns ``doc_id, file, row, title, speaker, date, year, occasion, genre,
    source, text, derived`` and then the table's other columns; ``row`` is the
    1-based data row, ``year`` nullable integers, missing metadata empty
    strings.  Raises :class:`~helpers.errors.CorpusError` naming the file (and
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
    return out[COLUMNS + extra].astype({"year": "Int64"})


def _read(path: Path, label: str) -> pd.DataFrame:
    suffix = path.suffix.lower()
    try:
        if suffix in (".csv", ".tsv"):
            from ..corpus.textfile import read

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
    from ..corpus.textfile import read

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
    from ..corpus.textfile import read

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
    derived = []
    year_value = ""
    others = {}
    for column, value in record.items():
        if column == text_col:
            continue
        if column in renamed:
            if renamed[column] == "year":
                year_value = _cell(value)
            else:
                doc[renamed[column]] = _cell(value)
        else:
            others[str(column)] = value
    width = max(3, len(str(number)))
    if not doc["doc_id"]:
        doc["doc_id"] = f"{path.stem}-{number:0{width}d}"
    doc["file"] = path.name
    if doc["genre"]:
        doc["genre"] = GENRE_VALUES.get(doc["genre"], doc["genre"].replace("_", " "))
    elif (genre := genre_of(doc["title"])) is not None:
        doc["genre"] = genre
        derived.append("genre from title")
    year = _year(year_value)
    if year is None and (match := re.match(r"\s*(\d{4})", doc["date"])):
        year = int(match.group(1))
        derived.append("year from date")
    if year is None and (match := _YEAR.search(doc["title"])):
        year = int(match.group(1))
        derived.append("year from title")
    if year is None and (year := npc_session_year(doc["title"])) is not None:
        derived.append("year from the NPC session in the title")
    if year is None and (year := CONGRESS_YEARS.get(_year_int(others.get("congress")))) is not None:
        derived.append("year from the congress number")
    return {**doc, "row": number, "year": year, "text": text, "derived": "; ".join(derived), **others}


def _year(value: str) -> int | None:
    match = re.fullmatch(r"(\d{4})(?:\.0)?", value)
    return int(match.group(1)) if match else None


def _year_int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
