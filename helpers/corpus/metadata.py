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
    path = (folder / raw).resolve()
    if not path.is_relative_to(folder.resolve()):
        raise CorpusError(f"{where}: file {value!r} resolves to {path}, outside the corpus folder {folder}")
    if not path.is_file():
        raise CorpusError(f"{where}: file {value!r} does not exist in {folder}")
    return path


def read_metadata(folder: Path) -> list[MetaRow]:
    """The checked rows of ``folder/metadata.csv`` (none if there is no such file)."""
    meta_path = folder / METADATA_FILE
    if not meta_path.exists():
        return []
    decoded = textfile.read(meta_path, label=str(meta_path))
    reader = csv.DictReader(io.StringIO(decoded.text))
    columns = [c.strip() for c in (reader.fieldnames or [])]
    missing = [c for c in METADATA_COLUMNS if c not in columns]
    if missing:
        raise CorpusError(f"{meta_path}: missing required column(s): {', '.join(missing)}")
    rows: list[MetaRow] = []
    problems: list[str] = []
    seen_ids: dict[str, int] = {}
    seen_files: dict[Path, int] = {}
    for record in reader:
        line = reader.line_num
        values = {(k or "").strip(): (v or "").strip() for k, v in record.items() if k is not None}
        if None in record:
            problems.append(f"{meta_path}, line {line}: more fields than columns")
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
                raise CorpusError(f"{where}: file {values['file']!r} is already described on line {seen_files[path]}")
        except CorpusError as error:
            problems.append(str(error))
            continue
        seen_ids[doc_id] = line
        seen_files[path] = line
        rows.append(MetaRow(line, values, path))
    if problems:
        raise CorpusError("\n".join(problems))
    return rows


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
