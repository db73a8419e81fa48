"""A corpus read as a stream: the folder walked in chunks of whole documents, never held in memory at once.

:func:`open_stream` lists the texts of a folder (the same ``metadata.csv`` rows
and extra ``*.txt`` files as :func:`helpers.corpus.load`) without reading them;
:func:`load_chunk` reads, cleans and audits one chunk of documents through the
same :func:`helpers.corpus.document.load_file`, returning plain tables (:func:`read_chunk`: their rows).
The tokens dataset (:mod:`helpers.tokens.dataset`) is built from these chunks.

A :class:`CorpusStream` stands where a :class:`~helpers.corpus.Corpus` would:
``tokens.segment(stream.paragraphs)`` builds the tokens dataset, and
``stream.documents`` is the documents table of that dataset.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pandas as pd

from .. import cache as cache_store
from ..config import CORPUS_DIR
from ..errors import CorpusError, CorpusWarning
from ..ingest import input_kind
from .document import load_file
from .loader import _check_doc_ids, key_parts, text_files
from .metadata import read_metadata
from .model import Corpus, assemble_tables, documents_table

__all__ = ["STREAM_BYTES", "ChunkRows", "CorpusStream", "chunk_ranges", "is_large", "load_chunk", "open_stream",
           "read_chunk"]

STREAM_BYTES = 150_000_000  # corpus.load streams a folder with more raw text than this (about 50 M characters)


@dataclass(frozen=True)
class CorpusStream:
    """The texts of a corpus folder, listed but not read: ``jobs`` are ``(path, metadata values, label)``.

    ``sizes`` are the files' sizes in bytes.  ``paragraphs`` is the stream itself (what
    :func:`helpers.tokens.segment` takes to build the tokens dataset); ``documents`` is the documents table of
    a finished tokens dataset of the corpus (one with the default options is built if there is none).
    """

    folder: Path
    jobs: tuple
    sizes: tuple

    def __repr__(self) -> str:
        return f"CorpusStream({self.folder}: {len(self.jobs)} documents, {sum(self.sizes):,} bytes, streamed)"

    @property
    def storage(self) -> str:
        """Where the tables are: ``disk`` (a tokens dataset; a corpus in memory says ``memory``)."""
        return "disk"

    @property
    def paragraphs(self) -> CorpusStream:
        return self

    def dataset(self):
        """The tokens dataset of this corpus (a finished one from the cache, else built with the defaults)."""
        from ..tokens import dataset

        return dataset.find(self) or dataset.build(self, progress=None)

    @property
    def documents(self) -> pd.DataFrame:
        """The documents table (as ``Corpus.documents``, plus ``n_words``), read from the tokens dataset."""
        return self.dataset().documents

    def table(self, name: str, columns: list[str] | None = None) -> pd.DataFrame:
        """One of the other tables of ``Corpus`` (``paragraphs`` without text, ``sentences`` without text,
        ``set_aside``, ``list_items``, ``repairs``, ``notes``), read from the tokens dataset, in corpus order."""
        if name == "paragraphs" and columns is None:
            columns = ["doc_id", "para_no", "section", "heading_level", "heading_1", "heading_2",
                       "is_salutation", "n_chars", "n_words", "line_start", "line_end"]
        return self.dataset().table(name, columns)

    @property
    def sentences(self) -> pd.DataFrame:
        """``doc_id, para_no, sent_no, start, end, n_chars`` (no text: it is ``paragraph text[start:end]``)."""
        return self.table("sentences")

    @property
    def set_aside(self) -> pd.DataFrame:
        return self.table("set_aside")

    @property
    def list_items(self) -> pd.DataFrame:
        return self.table("list_items")

    @property
    def repairs(self) -> pd.DataFrame:
        return self.table("repairs")

    @property
    def notes(self) -> pd.DataFrame:
        return self.table("notes")

    def select(self, doc_ids: list[str] | str) -> Corpus:
        """Some documents read into memory as a :class:`~helpers.corpus.Corpus` (one document, a pair …)."""
        wanted = {doc_ids} if isinstance(doc_ids, str) else set(doc_ids)
        documents = self.documents
        unknown = wanted - set(documents["doc_id"])
        if unknown:
            raise CorpusError(f"{self.folder}: no document {', '.join(sorted(unknown))} in this corpus")
        files = set(documents.loc[documents["doc_id"].isin(wanted), "file"])
        root = self.folder.resolve()
        jobs = [job for job in self.jobs if job[0].relative_to(root).as_posix() in files]
        with warnings.catch_warnings():  # said when the dataset was built (its notes table)
            warnings.simplefilter("ignore", CorpusWarning)
            picked = load_chunk(self.folder, jobs, only=wanted, editions=False)
        marks = documents.set_index("doc_id").loc[picked.documents["doc_id"], ["edition_of", "is_first_edition"]]
        picked.documents["edition_of"] = marks["edition_of"].to_numpy()  # found over the whole corpus
        picked.documents["is_first_edition"] = marks["is_first_edition"].to_numpy()
        return picked

    @cached_property
    def digest(self) -> str:
        """SHA-256 over :meth:`key_parts` (computed once: it reads every file)."""
        return cache_store.digest(self.key_parts())

    def key_parts(self) -> list[bytes | str]:
        """What identifies the corpus, as :func:`helpers.corpus.load` keys it (:func:`~.loader.key_parts`)."""
        return key_parts(self.folder, self.jobs)


def open_stream(folder: Path | str | None = None) -> CorpusStream:
    """The texts of a corpus folder as a :class:`CorpusStream` (nothing is read but ``metadata.csv``)."""
    folder = Path(folder) if folder is not None else CORPUS_DIR
    if not folder.is_dir():
        raise CorpusError(f"{folder}: corpus folder not found")
    rows, _ = read_metadata(folder)  # the notes on metadata.csv are the in-memory load's to warn about
    described = {row.path for row in rows}
    extra = [p for p in text_files(folder) if p not in described]
    if not rows and not extra:
        raise CorpusError(f"{folder}: no texts found")
    _check_doc_ids(folder, rows, [p for p in extra if input_kind(p) != "table"])
    jobs = [(row.path, row.values, f"{row.path} (metadata line {row.line})") for row in rows]
    jobs += [(path, None, str(path)) for path in extra]
    return CorpusStream(folder, tuple(jobs), tuple(p.stat().st_size for p, _, _ in jobs))


def is_large(folder: Path | str | None) -> bool:
    """Whether a folder holds more raw text than :data:`STREAM_BYTES` (then ``corpus.load`` streams it)."""
    folder = Path(folder) if folder is not None else CORPUS_DIR
    if not folder.is_dir():
        return False
    total = 0
    for path in folder.iterdir():  # what is not a readable file is left to load() to report, by name
        if path.suffix.lower() == ".txt" and path.is_file():
            total += path.stat().st_size
    return total > STREAM_BYTES


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


def _parsed(folder: Path, jobs, only: set[str] | None):
    """``(document row, parsed rows, notes)`` of each document of the jobs (of those in ``only``)."""
    found = False
    for path, values, label in jobs:
        for doc, parts, doc_notes in load_file(folder, path, values, label):
            if only is None or doc["doc_id"] in only:
                found = True
                yield doc, parts, doc_notes
    if not found:
        raise CorpusError(f"{folder}: none of the documents {sorted(only or [])} is in this corpus")


def read_chunk(folder: Path, jobs) -> ChunkRows:
    """The :class:`ChunkRows` of some documents: what the tokens dataset writes, without pandas in between."""
    parsed: dict[str, tuple] = {}
    for doc, parts, doc_notes in _parsed(folder, jobs, None):
        if doc["doc_id"] in parsed:
            raise CorpusError(f"{folder / doc['file']}: doc_id {doc['doc_id']!r} is also the doc_id of a document "
                              f"of {parsed[doc['doc_id']][0]['file']}; doc_ids must be unique (rename one)")
        parsed[doc["doc_id"]] = (doc, parts, doc_notes)
    documents = documents_table([doc for doc, _, _ in parsed.values()])
    ordered = [parsed[doc_id] for doc_id in documents["doc_id"]]
    return ChunkRows(documents, *([row for _, parts, _ in ordered for row in getattr(parts, name)]
                                  for name in ("paragraphs", "sentences", "set_aside", "list_items", "repairs")),
                     [row for _, _, doc_notes in ordered for row in doc_notes])


def load_chunk(folder: Path, jobs, *, only: set[str] | None = None, editions: bool = True) -> Corpus:
    """The :class:`~helpers.corpus.Corpus` of some documents (``only``: of these ``doc_id`` among them).

    ``editions=False`` leaves editions unmarked (a chunk's are found over the whole corpus).
    """
    docs, paragraphs, sentences, set_aside, items, repairs, notes = [], [], [], [], [], [], []
    for doc, parts, doc_notes in _parsed(folder, jobs, only):
        docs.append(doc)
        paragraphs += parts.paragraphs
        sentences += parts.sentences
        set_aside += parts.set_aside
        items += parts.list_items
        repairs += parts.repairs
        notes += doc_notes
    return assemble_tables(folder, docs, paragraphs, sentences, set_aside, items, repairs, notes, editions=editions)
