"""Metadata: the rows of ``metadata.csv``, checked, and metadata derived from a text's front matter.

``metadata.csv`` has one row per document with the columns
:data:`METADATA_COLUMNS` (further columns are kept).  Every problem with a row
raises :class:`CorpusError` naming the file and line; all problems of the file
are reported together.
"""

from __future__ import annotations

import csv
import io
import re
import sys
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ..config import METADATA_FILE
from ..errors import CorpusError
from . import textfile
from .dates import find_date, parse_date

__all__ = ["METADATA_COLUMNS", "MetaRow", "derive_metadata", "read_metadata", "resolve_file"]

METADATA_COLUMNS = ["doc_id", "file", "title", "speaker", "date", "occasion", "genre", "source"]
_OCCASION = re.compile(r"在(.{4,80}?)上(?:的讲话|发表|作)?")
_SPEAKER_NOTE = re.compile(r"这是([\u4e00-\u9fff]{2,4}?)(?:同志|总书记|主席|总理|委员长)")
_TITLE_PREFIX = re.compile(r"^[\u4e00-\u9fff]{2,4}[：:]")


@dataclass(frozen=True)
class MetaRow:
    """One checked row of metadata.csv: its line number, its values and the file it describes."""

    line: int
    values: dict[str, str]
    path: Path


def resolve_file(folder: Path, value: str, where: str) -> Path:
    if not value.strip():
        raise CorpusError(f"{where}: the 'file' column is empty")
    raw = Path(value.strip())
    if raw.is_absolute():
        raise CorpusError(f"{where}: file {value!r} is an absolute path; give it relative to {folder}")
    try:
        path = (folder / raw).resolve()
    except (RuntimeError, OSError) as error:  # a symbolic link loop
        raise CorpusError(f"{where}: file {value!r} cannot be resolved ({error}); remove the link") from None
    if not path.is_relative_to(folder.resolve()):
        raise CorpusError(f"{where}: file {value!r} resolves to {path}, outside the corpus folder {folder}")
    if path.is_dir():
        raise CorpusError(f"{where}: file {value!r} is a folder, not a text file")
    if not path.exists() and (folder / raw).is_symlink():
        raise CorpusError(f"{where}: file {value!r} is a link to {path}, which does not exist")
    if not path.is_file():
        raise CorpusError(f"{where}: file {value!r} does not exist in {folder}")
    return path


@contextmanager
def _long_fields():
    """Let the csv module read fields of any length (its default stops at 131,072 characters), then restore it.

    The limit is a process-wide setting of the csv module; it is changed only for the span of one read.
    """
    previous = csv.field_size_limit()
    csv.field_size_limit(sys.maxsize)
    try:
        yield
    finally:
        csv.field_size_limit(previous)


def read_metadata(folder: Path) -> tuple[list[MetaRow], list[str]]:
    """The checked rows of ``folder/metadata.csv`` (none if there is no such file), and notes on the file.

    Notes are what decoding the file found (a guessed encoding, garbage removed); every problem of a
    row (a quote never closed, a row running on to the next, missing or extra fields, a duplicated
    column) is a :class:`CorpusError` naming the line.
    """
    meta_path = folder / METADATA_FILE
    if not meta_path.exists() and not meta_path.is_symlink():
        return [], []
    decoded = textfile.read(meta_path, label=str(meta_path))
    with _long_fields():
        records, header = _records(decoded.text, meta_path)
    columns = [c.strip() for c in header]
    repeated = sorted({c for c in columns if columns.count(c) > 1 and c})
    if repeated:
        where = "; ".join(f"{c!r} in columns {', '.join(str(i + 1) for i, x in enumerate(columns) if x == c)}"
                          for c in repeated)
        raise CorpusError(f"{meta_path}, line 1: duplicated column name(s): {where}; keep one of each")
    missing = [c for c in METADATA_COLUMNS if c not in columns]
    if missing:
        raise CorpusError(f"{meta_path}: missing required column(s): {', '.join(missing)}")
    rows: list[MetaRow] = []
    problems: list[str] = []
    seen_ids: dict[str, int] = {}
    seen_files: dict[Path, int] = {}
    for line, end, fields in records:
        if len(fields) != len(columns):
            what = "more" if len(fields) > len(columns) else "fewer"
            problems.append(f"{meta_path}, line {line}: {what} fields than columns ({len(fields)} for {len(columns)})")
            continue
        values = {c: v.strip() for c, v in zip(columns, fields, strict=True) if c}
        if end > line:
            column = next(c for c, v in zip(columns, fields, strict=True) if "\n" in v)
            problems.append(f"{meta_path}, line {line}: the row runs on to line {end} inside the quoted "
                            f"{column!r} field: is a closing quote missing?")
            continue
        doc_id = values["doc_id"]
        where = f"{meta_path}, line {line} (doc_id {doc_id!r})"
        try:
            if not doc_id:
                raise CorpusError(f"{where}: doc_id is empty")
            if doc_id in seen_ids:
                raise CorpusError(f"{where}: duplicate doc_id, already used on line {seen_ids[doc_id]}")
            if values["date"] and parse_date(values["date"]) is None:
                raise CorpusError(f"{where}: unparsable date {values['date']!r}; write it as YYYY-MM-DD")
            path = resolve_file(folder, values["file"], where)
            if path in seen_files:
                link = "" if folder / values["file"].strip() == path else f" (it is a link to {path.name})"
                raise CorpusError(f"{where}: file {values['file']!r} is already described on line "
                                  f"{seen_files[path]}{link}")
        except CorpusError as error:
            problems.append(str(error))
            continue
        seen_ids[doc_id] = line
        seen_files[path] = line
        rows.append(MetaRow(line, values, path))
    if problems:
        raise CorpusError("\n".join(problems))
    return rows, [f"{meta_path}: {note}" for note in decoded.notes]


def _records(text: str, meta_path: Path) -> tuple[list[tuple[int, int, list[str]]], list[str]]:
    """``(first line, last line, fields)`` of every non-empty record, and the header's fields."""
    reader = csv.reader(io.StringIO(text), strict=True)
    records = []
    start = 1
    try:
        for fields in reader:
            if any(f.strip() for f in fields):
                records.append((start, reader.line_num, fields))
            start = reader.line_num + 1
    except csv.Error as error:
        raise CorpusError(f"{meta_path}, line {start}: malformed CSV ({error}); is a quote opened on this "
                          "line never closed? Quote a field that holds a comma or a quote, and double inner quotes"
                          ) from None
    if not records:
        return [], []
    return records[1:], records[0][2]


def derive_metadata(set_aside: list[dict]) -> dict[str, str]:
    """Title, speaker, date and occasion as far as a text's front matter and footnotes give them."""
    by_kind: dict[str, list[str]] = {}
    for row in set_aside:
        by_kind.setdefault(row["kind"], []).append(row["text"])
    derived: dict[str, str] = {}
    titles = by_kind.get("title", [])
    if titles:
        derived["title"] = _TITLE_PREFIX.sub("", titles[-1].replace("※", "")).strip()
    names = [b for b in by_kind.get("byline", []) if 2 <= len(b) <= 4]
    notes = by_kind.get("footnote", [])
    if names:
        derived["speaker"] = names[-1]
    else:
        for note in notes:
            if match := _SPEAKER_NOTE.search(note):
                derived["speaker"] = match.group(1)
                break
    for kind in ("footnote", "dateline", "subtitle", "header"):
        for text in by_kind.get(kind, []):
            date = find_date(text)
            if date and "date" not in derived:
                derived["date"] = date.isoformat()
            occasion = _OCCASION.search(text) if kind in ("footnote", "subtitle") else None
            if occasion and "occasion" not in derived:
                derived["occasion"] = occasion.group(1)
    return derived
