"""A corpus folder's texts listed without reading them, and read chunk by chunk of whole documents.

:class:`CorpusStream` is the listing :func:`helpers.corpus.load` makes of a folder (the same ``metadata.csv``
rows and extra files whichever the storage); :func:`read_chunk` reads, cleans and audits some of its documents
through :func:`helpers.corpus.document.load_file` and returns their rows (:func:`load_chunk`: their tables),
what the corpus store (:mod:`.store_build`) writes chunk by chunk.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pandas as pd

from .. import cache as cache_store
from ..config import METADATA_FILE
from ..errors import CorpusError
from ..ingest import textfile
from .document import load_file
from .model import Corpus, assemble_tables, documents_table

__all__ = ["STREAM_BYTES", "ChunkRows", "CorpusStream", "chunk_ranges", "key_parts", "load_chunk", "read_chunk"]

STREAM_BYTES = 150_000_000  # corpus.load keeps a folder with more raw bytes than this on disk (about 50 M characters)


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


def _parsed(folder: Path, jobs, only: set[str] | None, options: dict):
    """``(document row, parsed rows, notes)`` of each document of the jobs (of those in ``only``)."""
    found = False
    for path, values, label in jobs:
        for doc, parts, doc_notes in load_file(folder, path, values, label, **options):
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
