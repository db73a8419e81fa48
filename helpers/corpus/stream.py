"""A corpus folder's texts listed without reading them, and read chunk by chunk of whole documents.

:class:`CorpusStream` is the listing :func:`helpers.corpus.load` makes of a folder (the same ``metadata.csv``
rows and extra files whichever the storage); :func:`read_chunk` reads, cleans and audits some of its documents
through :func:`helpers.corpus.document.load_file` and returns their rows (:func:`load_chunk`: their tables),
what the corpus store (:mod:`.store_build`) writes chunk by chunk.  A large table is read once and cut into
:class:`TableRows`, slices of its rows that are chunks of their own (:func:`table_rows`): the documents of a
slice are those :func:`~helpers.corpus.document.load_file` makes of the same rows (same ids, texts, notes).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path

import pandas as pd

from .. import cache as cache_store
from ..config import METADATA_FILE
from ..errors import CorpusError
from ..ingest import input_kind, read_table, textfile
from .document import load_file, row_documents, table_notes
from .metadata import complete_rows
from .model import Corpus, assemble_tables, documents_table

__all__ = ["STREAM_BYTES", "STREAM_TABLE_BYTES", "TABLE_ROWS", "ChunkRows", "CorpusStream", "TableRows",
           "chunk_ranges", "key_parts", "load_chunk", "read_chunk", "table_documents", "table_rows"]

STREAM_BYTES = 150_000_000  # corpus.load keeps a folder with more raw bytes than this on disk (about 50 M characters)
# ... or with a table file larger than this: each row is a document, and a document costs far more than its bytes
# in memory (a table of 1,000,000 short rows, 24 MB, would take several GB)
STREAM_TABLE_BYTES = 8_000_000
TABLE_ROWS = 20_000  # at most this many rows of a table in one chunk of a corpus store (a worker's memory)


@dataclass(frozen=True)
class CorpusStream:
    """The texts of a corpus folder, listed but not read: ``jobs`` are ``(path, metadata values, label)``, in the
    order :func:`helpers.corpus.load` found them; ``sizes`` are the files' sizes in bytes.  What a corpus on disk
    is read from, chunk by chunk (:func:`read_chunk`)."""

    folder: Path
    jobs: tuple
    sizes: tuple

    def __repr__(self) -> str:
        return f"CorpusStream({self.folder}: {len(self.jobs)} files, {sum(self.sizes):,} bytes, not read)"

    @cached_property
    def digest(self) -> str:
        """SHA-256 over :meth:`key_parts` (computed once: it reads every file)."""
        return cache_store.digest(self.key_parts())

    def key_parts(self) -> list[bytes | str]:
        """What identifies the corpus, as :func:`helpers.corpus.load` keys it (:func:`key_parts`)."""
        return key_parts(self.folder, self.jobs)


def key_parts(folder: Path, jobs) -> list[bytes | str]:
    """What identifies a corpus folder's texts, the one home of it (the cache key of a corpus in memory, the key
    of a corpus store): the folder's path (messages name it), ``metadata.csv``'s bytes, each file's path,
    SHA-256 and metadata values."""
    meta = folder / METADATA_FILE
    root = folder.resolve()
    parts: list[bytes | str] = [str(root), textfile.read_bytes(meta) if meta.exists() else b"-"]
    for path, values, label in jobs:
        parts.append(str(path.relative_to(root)))
        parts.append(_file_digest(path, label))
        parts.append(repr(sorted((values or {}).items())))
    return parts


def _file_digest(path: Path, label: str) -> bytes:
    """SHA-256 of a file's bytes, read in blocks (a large table is never held whole); a CorpusError naming the
    file when it cannot be read."""
    if not path.is_file():
        textfile.read_bytes(path, label=label)  # raises its CorpusError: a folder, a FIFO, a missing file
    try:
        with open(path, "rb") as handle:
            return hashlib.file_digest(handle, "sha256").digest()
    except OSError as error:
        reason = error.strerror or str(error)
        raise CorpusError(f"{label}: cannot read the file ({reason}); check its permissions") from None


def chunk_ranges(sizes: tuple | list, chunk_bytes: int) -> list[range]:
    """Consecutive ranges of documents of about ``chunk_bytes`` each (the same ranges for the same sizes)."""
    ranges, first, total = [], 0, 0
    for i, size in enumerate(sizes):
        total += size
        if total >= chunk_bytes:
            ranges.append(range(first, i + 1))
            first, total = i + 1, 0
    if first < len(sizes):
        ranges.append(range(first, len(sizes)))
    return ranges


@dataclass(frozen=True)
class ChunkRows:
    """The rows of some documents as read and cleaned (:func:`read_chunk`), not yet made into DataFrames.

    ``documents`` is the documents table in corpus order (year, date, doc_id; editions not marked);
    ``paragraphs``, ``set_aside``, ``list_items``, ``repairs`` and ``notes`` are lists of rows with the
    columns of those tables of :class:`~helpers.corpus.Corpus`, and ``sentences`` tuples of
    ``model.SENTENCE_COLUMNS`` (without text), document by document in that order, each document's rows
    in reading order.
    """

    documents: pd.DataFrame
    paragraphs: list[dict]
    sentences: list[tuple]
    set_aside: list[dict]
    list_items: list[dict]
    repairs: list[dict]
    notes: list[dict]


@dataclass(frozen=True)
class TableRows:
    """Some rows of a table file, read and completed (:func:`~helpers.corpus.metadata.complete_rows`): a job of
    a corpus store in place of the whole file.  ``first`` is the 0-based position of ``rows`` in the table,
    ``digest`` the SHA-256 of the file, ``notes`` what the table says once, with its first row."""

    path: Path
    label: str
    rows: pd.DataFrame
    first: int
    digest: str
    notes: tuple[str, ...]

    def __repr__(self) -> str:
        return f"TableRows({self.path.name}, rows {self.first + 1}-{self.first + len(self.rows)})"


    def split(self, rows_per_slice: int) -> list[TableRows]:
        """These rows cut into slices of ``rows_per_slice``, in order (the note kept with the first)."""
        return [replace(self, rows=self.rows.iloc[at:at + rows_per_slice].reset_index(drop=True),
                        first=self.first + at, notes=self.notes if at == 0 else ())
                for at in range(0, len(self.rows), rows_per_slice)]


def table_rows(path: Path, label: str, *, text_column: str | None = None) -> TableRows:
    """Every row of a table file, read once and completed, as one :class:`TableRows` (:meth:`TableRows.split`
    cuts it into store jobs)."""
    digest = hashlib.sha256(textfile.read_bytes(path, label=label)).hexdigest()
    table = read_table(path, text_column=text_column, label=label)
    rows = complete_rows(table)
    return TableRows(path, label, rows, 0, digest, tuple(table_notes(table, rows)))


def table_documents(folder: Path, part: TableRows, *, simplify: bool = True,
                    text_column: str | None = None) -> list[tuple[dict, object, list[dict]]]:
    """The documents of a slice of a table: what :func:`~helpers.corpus.document.load_file` makes of its rows
    (``text_column`` was used when the slice was read)."""
    rel = part.path.relative_to(folder.resolve()).as_posix()
    return row_documents(folder, rel, part.rows, part.digest, part.label, part.notes, simplify=simplify)


def _wanted_rows(job: tuple, only: set[str], text_column: str | None) -> TableRows | tuple:
    """The rows of a table file whose doc_id is in ``only`` (the table's note kept if its first row is)."""
    path, values, label = job
    if values is not None:  # load_file's CorpusError: a table listed in metadata.csv
        return job
    whole = table_rows(path, label, text_column=text_column)
    keep = whole.rows["doc_id"].astype(str).isin(only).to_numpy()
    return replace(whole, rows=whole.rows.loc[keep].reset_index(drop=True), notes=whole.notes if keep[:1].any() else ())


def _parsed(folder: Path, jobs, only: set[str] | None, options: dict):
    """``(document row, parsed rows, notes)`` of each document of the jobs (of those in ``only``); a job is a
    file ``(path, metadata values, label)`` or some rows of a table (:class:`TableRows`)."""
    found = False
    for job in jobs:
        if only is not None and not isinstance(job, TableRows) and input_kind(job[0]) == "table":
            job = _wanted_rows(job, only, options.get("text_column"))  # not every row of a long table
        loaded = (table_documents(folder, job, **options) if isinstance(job, TableRows)
                  else load_file(folder, *job, **options))
        for doc, parts, doc_notes in loaded:
            if only is None or doc["doc_id"] in only:
                found = True
                yield doc, parts, doc_notes
    if not found:
        raise CorpusError(f"{folder}: none of the documents {sorted(only or [])} is in this corpus")


def read_chunk(folder: Path, jobs, **options) -> ChunkRows:
    """The :class:`ChunkRows` of some documents (``options`` of :func:`~helpers.corpus.document.load_file`:
    simplify, text_column): what the corpus store writes, without pandas in between."""
    parsed: dict[str, tuple] = {}
    for doc, parts, doc_notes in _parsed(folder, jobs, None, options):
        if doc["doc_id"] in parsed:
            raise CorpusError(f"{folder / doc['file']}: doc_id {doc['doc_id']!r} is also the doc_id of a document "
                              f"of {parsed[doc['doc_id']][0]['file']}; doc_ids must be unique (rename one)")
        parsed[doc["doc_id"]] = (doc, parts, doc_notes)
    documents = documents_table([doc for doc, _, _ in parsed.values()])
    ordered = [parsed[doc_id] for doc_id in documents["doc_id"]]
    return ChunkRows(documents, *([row for _, parts, _ in ordered for row in getattr(parts, name)]
                                  for name in ("paragraphs", "sentences", "set_aside", "list_items", "repairs")),
                     [row for _, _, doc_notes in ordered for row in doc_notes])


def load_chunk(folder: Path, jobs, *, only: set[str] | None = None, editions: bool = True, **options) -> Corpus:
    """The :class:`~helpers.corpus.Corpus` of some documents (``only``: of these ``doc_id`` among them).

    ``editions=False`` leaves editions unmarked (a chunk's are found over the whole corpus).
    """
    docs, paragraphs, sentences, set_aside, items, repairs, notes = [], [], [], [], [], [], []
    for doc, parts, doc_notes in _parsed(folder, jobs, only, options):
        docs.append(doc)
        paragraphs += parts.paragraphs
        sentences += parts.sentences
        set_aside += parts.set_aside
        items += parts.list_items
        repairs += parts.repairs
        notes += doc_notes
    return assemble_tables(folder, docs, paragraphs, sentences, set_aside, items, repairs, notes, editions=editions)
