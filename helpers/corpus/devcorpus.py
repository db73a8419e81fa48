"""The development corpus: further real texts that tests and benchmarks read in place.

``../shared/corpus-extra`` (see :func:`helpers.config.extra_corpus_dir`) holds a
2016 speech and the government work reports 2014–2019 with a ``SOURCES.tsv``.
They are never copied into the project; :func:`extended` assembles them with
the bundled corpus in a temporary folder, with a ``metadata.csv`` made from
``SOURCES.tsv``; :func:`assemble` combines any corpus folders into a new one.
"""

from __future__ import annotations

import csv
import shutil
import tempfile
from pathlib import Path

import pandas as pd

from ..config import CORPUS_DIR, METADATA_FILE, extra_corpus_dir, tables_dir
from ..errors import CorpusError
from ..ingest import read_table
from .loader import text_files
from .metadata import METADATA_COLUMNS, complete_rows, read_metadata

__all__ = ["assemble", "extended", "from_tables", "large", "metadata_rows"]


def metadata_rows(folder: Path) -> list[dict[str, str]]:
    """Metadata rows (our columns plus ``notes``) for the texts listed in ``SOURCES.tsv``."""
    rows = []
    with open(folder / "SOURCES.tsv", encoding="utf-8", newline="") as handle:
        for record in csv.DictReader(handle, delimiter="\t"):
            file = record["file"]
            rows.append({
                "doc_id": Path(file).stem,
                "file": file,
                "title": record["title"],
                "speaker": record["speaker"].split()[0],  # "李克强 Li Keqiang (Premier) …" → 李克强
                "date": record["date"],
                "occasion": record["occasion"],
                "genre": "government work report" if "_gwr-" in file else "speech",
                "source": record["source"],
                "notes": record["notes"],
            })
    return rows


def extended(dest: Path, *, extra: Path | None = None) -> Path:
    """Build in ``dest`` the bundled corpus plus the development texts, with metadata."""
    extra = extra or extra_corpus_dir()
    if extra is None:
        raise FileNotFoundError("the development corpus (../shared/corpus-extra) is not on this machine")
    rows = metadata_rows(extra)
    with tempfile.TemporaryDirectory() as tmp:
        staged = Path(tmp)
        for row in rows:
            shutil.copyfile(extra / row["file"], staged / row["file"])
        with open(staged / METADATA_FILE, "w", encoding="utf-8", newline="") as out:
            writer = csv.DictWriter(out, fieldnames=[*METADATA_COLUMNS, "notes"])
            writer.writeheader()
            writer.writerows(rows)
        return assemble([CORPUS_DIR, staged], dest)


def from_tables(dest: Path, *, tables: Path | None = None) -> Path:
    """Build in ``dest`` a corpus folder with every row of the development tables as a text file (76 documents).

    Each table row (see :func:`helpers.ingest.read_table`) becomes ``<doc_id>.txt`` with a metadata row carrying
    its title, genre, source and year (the tables give years, not dates, and no date is invented).
    """
    tables = tables or tables_dir()
    if tables is None:
        raise FileNotFoundError("the development tables (../shared/corpus-tables) are not on this machine")
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=False)
    rows = []
    for path in sorted(tables.glob("*.jsonl")):
        for record in complete_rows(read_table(path)).to_dict("records"):
            name = f"{record['doc_id']}.txt"
            (dest / name).write_text(record["text"], encoding="utf-8")
            rows.append({**{c: record.get(c) or "" for c in METADATA_COLUMNS}, "file": name,
                         "year": "" if pd.isna(record["year"]) else str(record["year"])})
    with open(dest / METADATA_FILE, "w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=[*METADATA_COLUMNS, "year"])
        writer.writeheader()
        writer.writerows(rows)
    return dest


def large(dest: Path, *, extra: Path | None = None, tables: Path | None = None) -> Path:
    """Build in ``dest`` the extended corpus plus every row of the development tables (84 documents, 1921–2024)."""
    with tempfile.TemporaryDirectory() as tmp:
        staged = from_tables(Path(tmp) / "tables", tables=tables)
        base = extended(Path(tmp) / "extended", extra=extra)
        return assemble([base, staged], dest)


def assemble(folders: list[Path | str], dest: Path | str) -> Path:
    """Combine several corpus folders into a new folder ``dest`` (created; must not exist).

    Texts are copied byte for byte; the metadata rows of all folders are merged
    into one ``metadata.csv`` (texts without a row get none, and load with
    derived metadata).  File names must not collide.
    """
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=False)
    rows: list[dict[str, str]] = []
    columns = list(METADATA_COLUMNS)
    for folder in map(Path, folders):
        meta = {row.path: row for row in read_metadata(folder)[0]}
        for path in sorted(set(meta) | set(text_files(folder))):
            target = dest / path.name
            if target.exists():
                raise CorpusError(f"{path}: a file named {path.name} is already in {dest}")
            shutil.copyfile(path, target)
            if path in meta:
                values = dict(meta[path].values, file=path.name)
                columns += [c for c in values if c not in columns]
                rows.append(values)
    if rows:
        with open(dest / METADATA_FILE, "w", encoding="utf-8", newline="") as out:
            writer = csv.DictWriter(out, fieldnames=columns)
            writer.writeheader()
            writer.writerows(rows)
    return dest
