"""Building a corpus store (:mod:`.store`): a large corpus read, cleaned and audited chunk by chunk of whole
documents in worker processes (:func:`helpers.parallel.map`), each chunk's tables written as Parquet, then
editions found over the whole corpus.  :class:`DiskTables` is what a :class:`~helpers.corpus.Corpus` on disk
reads its tables from: the store is built the first time a table is asked for, and found again by its key.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import time
import warnings
import weakref
from functools import cached_property
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as pads
import pyarrow.parquet as pq

from .. import cache as cache_store
from .. import parallel
from ..config import cache_dir
from ..errors import CorpusError, CorpusWarning
from ..ingest import input_kind
from ..validate import check_int
from . import boilerplate, editions
from .model import Corpus, bodies_of, edition_notes, mark_editions
from .parquet import CHUNK_BYTES, SCHEMAS, chunk_file, duckdb_connection, exclusive, remove_orphans, write_file
from .store import CorpusStore, StoredTable
from .stream import TABLE_ROWS, CorpusStream, chunk_ranges, load_chunk, read_chunk, table_rows
from .structure import section_order

__all__ = ["STAGE", "STORE_TABLES", "DiskTables", "build_store", "find_store", "store_key", "write_chunk"]

STAGE = "corpus-store"  # the folder of the stores in the cache folder
# written in this order, the documents file last (a chunk whose documents file exists is finished)
STORE_TABLES = ("paragraphs", "sentences", "set_aside", "list_items", "repairs", "notes", "sketches", "documents")
BOILERPLATE_FILE = "boilerplate.parquet"  # what corpus.boilerplate found, for documents read again (select)
_ASIDE_TABLES = ("paragraphs", "sentences", "list_items", "documents", "set_aside")  # rewritten, in this order
_CODE = ("helpers.corpus.store_build",)  # the code that makes a store: this module and all it imports
_LIBRARIES = ("pandas", "pyarrow", "charset-normalizer", "hanzidentifier", "rapidfuzz", "opencc")


def store_key(listing: CorpusStream, options: dict) -> str:
    """The full key of a store's contents: the corpus (folder, metadata, every file's bytes), the loading
    ``options`` (simplify, text_column), the code of this module and all it imports, the library versions."""
    return cache_store.key([listing.digest, repr(sorted(options.items()))], code=_CODE, libraries=_LIBRARIES)


def find_store(listing: CorpusStream, options: dict, *, path: Path | None = None) -> CorpusStore | None:
    """The most recently finished store of this key (any chunk size) in ``path`` (default: the cache folder)."""
    key = store_key(listing, options)
    found = [(m.stat().st_mtime_ns, m.parent) for m in (path or cache_dir() / STAGE).glob(f"{key}-*/complete.json")]
    return CorpusStore(max(found)[1]) if found else None


def build_store(listing: CorpusStream, options: dict, *, workers: int | None = None, progress: bool | None = None,
                chunk_bytes: int = CHUNK_BYTES, path: Path | None = None,
                scheduler: str | None = None) -> CorpusStore:
    """The store of a folder's texts, built if it is not there: ``<path>/<key>-<chunk_bytes>/`` (default: the
    cache folder).  ``workers`` processes read chunks of about ``chunk_bytes`` of raw text; ``progress`` shows
    a bar (default: more than one chunk); an interrupted build resumes from the chunks it lacks.  With a
    ``scheduler`` (:func:`helpers.parallel.map`) the chunks are read by the workers of that Dask cluster."""
    check_int("chunk_bytes", chunk_bytes, min_value=1)
    parallel.worker_count(workers)
    key = store_key(listing, options)
    where = (path or cache_dir() / STAGE) / f"{key}-{chunk_bytes}"
    if not (where / "complete.json").is_file():
        # a worker re-running an unguarded script would wait for ever on the lock below: refused before it
        parallel.check_not_bootstrapping()
        where.mkdir(parents=True, exist_ok=True)
        with exclusive(where / ".lock"):  # two notebooks asking at once: the second waits, then reads
            if not (where / "complete.json").is_file():
                _build(listing, options, where, key, workers=workers, progress=progress, chunk_bytes=chunk_bytes,
                       scheduler=scheduler)
    return CorpusStore(where)


def _build(listing: CorpusStream, options: dict, where: Path, key: str, *, workers: int | None,
           progress: bool | None, chunk_bytes: int, scheduler: str | None = None) -> None:
    units, sizes, weights = _units(listing, options, chunk_bytes)
    ranges = chunk_ranges(weights, chunk_bytes)
    for table in STORE_TABLES:
        (where / table).mkdir(parents=True, exist_ok=True)
    remove_orphans(where)  # left by an interrupted run: its chunk is redone
    pending = [i for i in range(len(ranges)) if not (where / "documents" / chunk_file(i)).exists()]
    jobs = [(listing.folder, [units[j] for j in ranges[i]], str(where), i, options) for i in pending]
    done = [sum(sizes[j] for j in ranges[i]) for i in pending]
    show = progress if progress is not None else len(ranges) > 1
    for _ in parallel.map(write_chunk, jobs, workers=workers, progress=show, desc="reading corpus", unit="B",
                          sizes=done, initial=sum(sizes) - sum(done), scheduler=scheduler):
        pass
    remove_orphans(where)  # of a worker that died writing: its chunk was written again by another
    del units, jobs  # the rows of a long table: not held while the whole corpus' documents are
    _finish(where, len(ranges), listing, key=key, chunk_bytes=chunk_bytes,
            boilerplate_too=bool(options.get("boilerplate")))


def _reading(options: dict) -> dict:
    """The options the readers take (the boilerplate is set aside over the whole corpus, not per document)."""
    return {name: value for name, value in options.items() if name != "boilerplate"}


def _set_aside_boilerplate(where: Path, chunks: int, documents: pd.DataFrame) -> pd.DataFrame:
    """The boilerplate of the whole corpus (:func:`boilerplate.find` on the chunks' paragraphs, kept
    in :data:`BOILERPLATE_FILE`) set aside chunk by chunk, each chunk's files rewritten, its ``set_aside`` file
    last (a chunk whose file holds boilerplate rows is done: an interrupted build resumes).  ``documents``: the
    whole corpus' table, editions marked (an edition counts with its work); returned with the new counts."""
    if (where / BOILERPLATE_FILE).is_file():
        found = pd.read_parquet(where / BOILERPLATE_FILE)
    else:
        found = boilerplate.find([where / "paragraphs" / chunk_file(i) for i in range(chunks)], documents)
        write_file(found, where / BOILERPLATE_FILE)
    for i in range(chunks):
        ids = set(pq.read_table(where / "documents" / chunk_file(i), columns=["doc_id"]).column("doc_id").to_pylist())
        mine = found[found["doc_id"].isin(ids)]
        aside = pq.read_table(where / "set_aside" / chunk_file(i), columns=["kind"]).column("kind").to_pylist()
        if mine.empty or "boilerplate" in aside:
            continue
        tables = boilerplate.set_aside({name: pq.read_table(where / name / chunk_file(i)).to_pandas()
                                        for name in _ASIDE_TABLES}, mine)
        for name in _ASIDE_TABLES:
            write_file(tables[name].reset_index(drop=True), where / name / chunk_file(i), schema=SCHEMAS.get(name))
    counted = pd.concat([pq.read_table(where / "documents" / chunk_file(i)).to_pandas() for i in range(chunks)],
                        ignore_index=True).set_index("doc_id")
    columns = ["n_paragraphs", "n_sentences", "n_chars", "n_set_aside", "n_chars_set_aside"]
    return documents.assign(**{c: documents["doc_id"].map(counted[c]).to_numpy() for c in columns if c in counted})


def _units(listing: CorpusStream, options: dict, chunk_bytes: int) -> tuple[list, list[int], list[int]]:
    """The store's jobs in corpus order, their sizes in bytes and their weights for :func:`chunk_ranges`: each
    file, but a table read once and cut into slices of its rows (:class:`TableRows`, about ``chunk_bytes`` of it
    and at most :data:`~helpers.corpus.stream.TABLE_ROWS` rows), each a chunk of its own: its documents, not its
    bytes, fill a worker."""
    units, sizes, weights = [], [], []
    for job, size in zip(listing.jobs, listing.sizes, strict=True):
        path, values, label = job
        if values is not None or input_kind(path) != "table":  # a table in metadata.csv: load_file refuses it
            units.append(job)
            sizes.append(size)
            weights.append(size)
            continue
        whole = table_rows(path, label, text_column=options.get("text_column"))
        count = max(len(whole.rows), 1)
        for part in whole.split(max(1, min(TABLE_ROWS, count * chunk_bytes // size))):
            units.append(part)
            sizes.append(size * len(part.rows) // count)
            weights.append(chunk_bytes)
    return units, sizes, weights


def write_chunk(job) -> int:
    """Read, clean, audit and write one chunk of whole documents (in a worker); returns its number."""
    folder, jobs, where, index, options = job
    where = Path(where)
    with warnings.catch_warnings():  # said once the store is read (its notes table)
        warnings.simplefilter("ignore", CorpusWarning)
        rows = read_chunk(folder, jobs, **_reading(options))
    name = chunk_file(index)
    tables = {"documents": mark_editions(rows.documents, pd.DataFrame(columns=["doc_id", "edition_of"])),
              "sketches": editions.sketches(bodies_of(rows.paragraphs))}
    for table in STORE_TABLES:
        data = tables[table] if table in tables else arrow_table(getattr(rows, table), SCHEMAS[table])
        write_file(data, where / table / name, schema=SCHEMAS.get(table))
    return index


def arrow_table(rows: list[dict] | list[tuple], schema: pa.Schema) -> pa.Table:
    """An Arrow table of rows, built column by column: dicts (a value a row lacks is null), or tuples of
    every column of ``schema`` in its order."""
    if rows and isinstance(rows[0], tuple):
        columns = list(zip(*rows, strict=True))
        return pa.table([pa.array(column, field.type) for column, field in zip(columns, schema, strict=True)],
                        schema=schema)
    return pa.table({name: pa.array([row.get(name) for row in rows], schema.field(name).type)
                     for name in schema.names}, schema=schema)


def _finish(where: Path, chunks: int, listing: CorpusStream, *, key: str, chunk_bytes: int,
            boilerplate_too: bool = False) -> None:
    """The documents table of the whole corpus (editions marked; with ``boilerplate_too`` the boilerplate set
    aside, :func:`_set_aside_boilerplate`), then ``complete.json`` (the store is done)."""
    parts = [pq.read_table(where / "documents" / chunk_file(i)).to_pandas() for i in range(chunks)]
    documents = pd.concat(parts, ignore_index=True).sort_values(["year", "date", "doc_id"], na_position="last")
    twice = documents.loc[documents["doc_id"].duplicated(keep=False)].sort_values("doc_id")
    if len(twice):  # the rows of two documents of one doc_id (rows of a table, say) would be mixed up
        shown = "; ".join(f"{doc_id!r} in {', '.join(group['file'])}" for doc_id, group in twice.groupby("doc_id"))
        raise CorpusError(f"{listing.folder}: doc_ids must be unique, and these are not: {shown} (rename them)")
    documents = _editions(where, documents.reset_index(drop=True))
    if boilerplate_too:
        documents = _set_aside_boilerplate(where, chunks, documents)
    # dates in microseconds: Spark and others do not read Parquet's nanosecond timestamps
    write_file(documents.reset_index(drop=True), where / "documents.parquet", coerce_timestamps="us")
    sections = pads.dataset(str(where / "paragraphs"), format="parquet").to_table(columns=["section"])
    manifest = {
        "folder": str(listing.folder), "corpus": listing.digest, "documents": len(documents), "chunks": chunks,
        "characters": int(documents["n_chars"].sum()), "bytes": sum(listing.sizes), "key": key,
        "chunk_bytes": chunk_bytes, "sections": section_order(sections.column("section").unique().to_pylist()),
        "finished": time.strftime("%Y-%m-%dT%H:%M:%S"),
    }
    staging = where / ".complete.json.tmp"
    staging.write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    staging.rename(where / "complete.json")


def _may_match(sketches: pa.Table) -> pa.Table:
    """The sketches of the documents that can be an edition or have one: an exact copy (a digest held twice), or
    a sketch of which at least :data:`editions._SHARED` of the hashes are held by another sketch too (the
    least a pair must share to be compared).  The others are in no pair of :func:`editions.match`, whose result
    is the same without them; a corpus of many short, different rows is screened in a fraction of the memory."""
    column = sketches.column("sketch").combine_chunks()
    sizes = pc.list_value_length(column).fill_null(0).to_numpy(zero_copy_only=False)
    values = pc.list_flatten(column).to_numpy(zero_copy_only=False)
    _, where_held, held = np.unique(values, return_inverse=True, return_counts=True)
    owner = np.repeat(np.arange(len(sizes)), sizes)
    shared = np.bincount(owner, weights=held[where_held] > 1, minlength=len(sizes))
    digests = pd.Series(sketches.column("digest").to_numpy(zero_copy_only=False))
    keep = (shared >= editions._SHARED * np.maximum(sizes, 1)) | digests.duplicated(keep=False).to_numpy()
    return sketches.filter(pa.array(keep))


def _editions(where: Path, documents: pd.DataFrame) -> pd.DataFrame:
    """Editions over the whole corpus (from every chunk's sketches): ``documents`` marked, their notes written."""
    table = _may_match(pads.dataset(str(where / "sketches"), format="parquet").to_table()).to_pandas()
    rank = {doc_id: i for i, doc_id in enumerate(documents["doc_id"])}
    table = table.sort_values("doc_id", key=lambda s: s.map(rank)).reset_index(drop=True)
    table["sketch"] = [np.asarray(v, dtype=np.uint64) for v in table["sketch"]]

    def texts(wanted: list[str]) -> dict[str, str]:
        con = duckdb_connection()
        try:
            con.register("wanted", pd.DataFrame({"doc_id": wanted}, dtype=object))
            bodies = con.execute(f"SELECT doc_id, string_agg(text, '' ORDER BY para_no) AS body FROM read_parquet("
                                 f"'{where / 'paragraphs' / 'part-*.parquet'}') SEMI JOIN wanted USING (doc_id) "
                                 "GROUP BY doc_id").df()
        finally:
            con.close()
        return {d: "".join(b.split()) for d, b in zip(bodies["doc_id"], bodies["body"], strict=True)}

    found = editions.match(table, texts)
    write_file(edition_notes(found, documents), where / "notes" / "part-editions.parquet", schema=SCHEMAS["notes"])
    return mark_editions(documents, found)


class DiskTables:
    """The tables of a :class:`~helpers.corpus.Corpus` on disk: its folder's texts (``listing``) and the loading
    ``options``, the store built the first time a table is asked for (``workers``, ``progress``; in the cache
    folder, or in a temporary folder of this object's own with ``cache=False``); ``notes`` on the folder
    (``metadata.csv``, files not loaded) come first in the ``notes`` table."""

    storage = "disk"

    def __init__(self, listing: CorpusStream, options: dict, *, workers: int | None = None,
                 progress: bool | None = None, cache: bool = True, notes: list[dict] = (),
                 scheduler: str | None = None) -> None:
        self.listing, self.options = listing, dict(options)
        self.workers, self.progress, self.cache, self.scheduler = workers, progress, cache, scheduler
        self.folder_notes = pd.DataFrame(list(notes), columns=["doc_id", "file", "message"])

    def scratch(self) -> Path | None:
        """Where this corpus' store lives when it is not cached: a temporary folder of its own (None: cached)."""
        return None if self.cache else self._scratch

    def describe(self) -> str:
        built = find_store(self.listing, self.options, path=self.scratch())
        if built is None:
            return f"{len(self.listing.jobs)} files, {sum(self.listing.sizes):,} bytes, on disk (not read yet)"
        info = built.manifest
        return f"{info['documents']} documents, {info['characters']:,} characters, on disk ({built.path})"

    @cached_property
    def _scratch(self) -> Path:
        folder = Path(tempfile.mkdtemp(prefix="corpus-store-"))
        weakref.finalize(self, shutil.rmtree, folder, True)  # removed with the corpus that made it (cache=False)
        return folder

    def store(self, *, chunk_bytes: int | None = None, path: Path | None = None, workers: int | None = None,
              progress: bool | None = None, scheduler: str | None = None) -> CorpusStore:
        """The store of the corpus, built if needed: the latest one found, else one of :data:`CHUNK_BYTES`;
        given ``chunk_bytes`` or ``path``, the one of that chunk size in that folder (``workers``, ``progress``
        and ``scheduler`` then override the corpus' own); given ``scheduler``, built on it if it is not there."""
        if chunk_bytes is None and path is None:
            if scheduler is None or scheduler == self.scheduler:
                return self._default
            found = find_store(self.listing, self.options, path=self.scratch())
            if found is not None:
                return found
        return build_store(self.listing, self.options, workers=workers if workers is not None else self.workers,
                           progress=progress if progress is not None else self.progress,
                           chunk_bytes=chunk_bytes or CHUNK_BYTES, path=path if path is not None else self.scratch(),
                           scheduler=scheduler if scheduler is not None else self.scheduler)

    @cached_property
    def _default(self) -> CorpusStore:
        found = find_store(self.listing, self.options, path=self.scratch())
        return found or build_store(self.listing, self.options, workers=self.workers, progress=self.progress,
                                    path=self.scratch(), scheduler=self.scheduler)

    def table(self, name: str):
        """``documents`` and the small tables as DataFrames; ``paragraphs`` and ``sentences`` stay on disk."""
        store = self.store()
        if name == "documents":
            return store.documents
        if name in ("paragraphs", "sentences"):
            return StoredTable(store, name, scheduler=self.scheduler)
        if name == "notes":  # the notes on the folder first, as in memory
            return pd.concat([self.folder_notes, store.table(name)], ignore_index=True)
        return store.table(name)

    def select(self, doc_ids) -> Corpus:
        """Some documents read into memory as a :class:`~helpers.corpus.Corpus` (one document, a pair …)."""
        wanted = {doc_ids} if isinstance(doc_ids, str) else set(doc_ids)
        store = self.store()
        documents = store.documents
        unknown = wanted - set(documents["doc_id"])
        if unknown:
            raise CorpusError(f"{self.listing.folder}: no document {', '.join(sorted(unknown))} in this corpus")
        files = set(documents.loc[documents["doc_id"].isin(wanted), "file"])
        root = self.listing.folder.resolve()
        jobs = [job for job in self.listing.jobs if job[0].relative_to(root).as_posix() in files]
        with warnings.catch_warnings():  # said when the store was built (its notes table)
            warnings.simplefilter("ignore", CorpusWarning)
            picked = load_chunk(self.listing.folder, jobs, only=wanted, editions=False, **_reading(self.options))
        if self.options.get("boilerplate"):  # as found over the whole corpus when the store was built
            found = pd.read_parquet(store.path / BOILERPLATE_FILE)
            picked = picked.replace(**boilerplate.set_aside(picked, found[found["doc_id"].isin(wanted)]))
        marks = documents.set_index("doc_id").loc[picked.documents["doc_id"], ["edition_of", "is_first_edition"]]
        picked.documents["edition_of"] = marks["edition_of"].to_numpy()  # found over the whole corpus
        picked.documents["is_first_edition"] = marks["is_first_edition"].to_numpy()
        return picked
