"""The tokens dataset: a large corpus segmented chunk by chunk into partitioned Parquet files on disk.

:func:`build` walks a :class:`~helpers.corpus.stream.CorpusStream` in chunks of
whole documents (about :data:`CHUNK_BYTES` of raw text each), in worker
processes, and each worker writes its chunk's tables itself; the parent only
counts.  The dataset lives in ``<cache folder>/tokens-dataset/<key>/``, keyed
like every other cache (:func:`helpers.cache.key`: the folder, its metadata and
every file's bytes, backend and dictionary, the code of this stage and all it
imports, the library versions), with one file per chunk in each table folder::

    tokens/part-00012.parquet       the tokens table (TOKEN_COLUMNS), is_stop by rule only
    paragraphs/part-00012.parquet   the paragraphs table (section as text) + n_words
    documents/part-00012.parquet    the documents table + n_words
    sentences/part-00012.parquet    the sentences table without its text (doc_id, para_no, sent_no, start, end,
                                    n_chars: the text is the paragraph's text[start:end])
    set_aside/, list_items/, repairs/, notes/   those tables of Corpus, as they are
    docterms/part-00012.parquet     doc_id, token, pos, is_stop, n, paras: word tokens counted per document
    vocab/part-00012.parquet        token, is_word: the chunk's distinct tokens
    documents.parquet, vocab.parquet    the whole corpus' documents and distinct tokens, once every chunk is there
    terms.parquet                  token, pos, is_stop, n, docs, paras: docterms summed over the corpus
    complete.json                  written last: the dataset is finished

Stopword lists are not in the files: :class:`TokenDataset` marks the words of its ``stopword_lists`` when it
reads them, so one dataset serves ``("general",)`` and ``("general", "policy")`` alike.
``n_words`` counts word tokens (all but punctuation, symbols and digits), the denominator of ``per_10k``.
Each file is written under a temporary name and renamed, the tokens file last: a chunk whose tokens file
exists is finished, so an interrupted build resumes from the chunks it lacks.  Any engine that reads a
folder of Parquet files (DuckDB, Spark, Dask, Ray, pyarrow) reads these tables as they are.
"""

from __future__ import annotations

import json
import os
import time
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .. import cache as cache_store
from .. import lexicon
from ..config import cache_dir
from ..corpus import editions
from ..corpus.model import bodies_of, edition_notes, mark_editions
from ..corpus.stream import CorpusStream, chunk_ranges, read_chunk
from ..corpus.structure import section_order
from ..errors import CorpusError, CorpusWarning
from ..validate import check_choice
from .segmentation import _segment_chunk
from .stopwords import is_rule_stop
from .table import TOKEN_COLUMNS

__all__ = ["CHUNK_BYTES", "TABLES", "TokenDataset", "build", "find", "open_dataset"]

CHUNK_BYTES = 4_000_000  # raw text per chunk (about 1.3 M characters): a few hundred MB per worker at most
# written in this order, the tokens file last (a chunk whose tokens file exists is finished)
TABLES = ("documents", "paragraphs", "sentences", "set_aside", "list_items", "repairs", "notes", "sketches",
          "docterms", "vocab", "tokens")
# fixed types for tables that may be empty in a chunk (pandas would write an empty column as null)
SCHEMAS = {
    "set_aside": pa.schema([("doc_id", pa.string()), ("kind", pa.string()), ("text", pa.string()),
                            ("reason", pa.string()), ("line_start", pa.int64()), ("line_end", pa.int64()),
                            ("start", pa.int64()), ("end", pa.int64())]),
    "list_items": pa.schema([("doc_id", pa.string()), ("para_no", pa.int64()), ("list_no", pa.int64()),
                             ("item_no", pa.int64()), ("marker", pa.string()), ("text", pa.string()),
                             ("start", pa.int64()), ("end", pa.int64())]),
    "repairs": pa.schema([("doc_id", pa.string()), ("line_start", pa.int64()), ("line_end", pa.int64()),
                          ("before", pa.string()), ("after", pa.string()), ("kind", pa.string())]),
    "notes": pa.schema([("doc_id", pa.string()), ("file", pa.string()), ("message", pa.string())]),
    "sketches": pa.schema([("doc_id", pa.string()), ("length", pa.int64()), ("digest", pa.string()),
                           ("sketch", pa.list_(pa.uint64()))]),
    "paragraphs": pa.schema([("doc_id", pa.string()), ("para_no", pa.int64()), ("section", pa.string()),
                             ("heading_level", pa.int64()), ("heading_1", pa.string()), ("heading_2", pa.string()),
                             ("is_salutation", pa.bool_()), ("text", pa.string()), ("n_chars", pa.int64()),
                             ("line_start", pa.int64()), ("line_end", pa.int64()), ("n_words", pa.int64())]),
    "sentences": pa.schema([("doc_id", pa.string()), ("para_no", pa.int64()), ("sent_no", pa.int64()),
                            ("start", pa.int64()), ("end", pa.int64()), ("n_chars", pa.int64())]),
}
_CODE = ("helpers.tokens.dataset",)
_LIBRARIES = ("jieba", "rjieba", "pandas", "pyarrow", "numpy", "charset-normalizer", "hanzidentifier")
_STAGE = "tokens-dataset"
# the tokens' doc_id, token and pos come as dictionary arrays: Parquet stores their codes as they are (no
# hashing) and, without the Arrow schema, every reader gets strings; no min/max of the strings (no query
# can skip a chunk by them: each holds tokens from 的 to 龙)
# token_no, start and end rise by small steps: delta-encoded, not as dictionaries of nearly unique values
# (100 tokens files of the 1,000 M benchmark: 233 MB instead of 373 MB); the other columns repeat: dictionaries
_OPTIONS = {"tokens": {"store_schema": False,
                       "use_dictionary": ["doc_id", "para_no", "sent_no", "token", "pos", "is_stop"],
                       "column_encoding": {c: "DELTA_BINARY_PACKED" for c in ("token_no", "start", "end")},
                       "write_statistics": ["para_no", "sent_no", "token_no", "start", "end", "is_stop"]},
            "docterms": {"store_schema": False, "write_statistics": ["doc_id", "is_stop", "n", "paras"]}}
MEMORY_LIMIT = "2GB"  # DuckDB's working memory (it spills to disk beyond it); its default is 80% of the RAM


@dataclass(frozen=True)
class TokenDataset:
    """A finished tokens dataset on disk, and an optional selection of it.

    ``path`` is the dataset folder; ``columns`` the paragraph or document columns the statistics may
    group by (added with ``textstat.annotate``); ``where`` a selection of documents as
    ``((column, values), …)`` (see :meth:`subset`); ``stopword_lists`` the lists whose words are marked
    ``is_stop`` when the dataset is read (the files mark punctuation, symbols and digits only, so one
    dataset serves every choice of lists).  The statistics of :mod:`helpers.textstat` accept it in place
    of a tokens DataFrame and compute on disk (:mod:`helpers.textstat.engine`).
    """

    path: Path
    columns: tuple[str, ...] = ()
    where: tuple = field(default=())
    stopword_lists: tuple[str, ...] = ("general",)

    def __repr__(self) -> str:
        info = self.manifest
        picked = f", documents where {dict(self.where)}" if self.where else ""
        return (f"TokenDataset({self.path}: {info['documents']:,} documents, {info['tokens']:,} tokens, "
                f"{info['chunks']} chunks, stopwords {'+'.join(self.stopword_lists) or 'by rule'}{picked})")

    def __len__(self) -> int:
        if self.where:
            return int(self.query("SELECT count(*) FROM tokens t JOIN docs d USING (doc_id)").iloc[0, 0])
        return int(self.manifest["tokens"])

    @cached_property
    def manifest(self) -> dict:
        return json.loads((self.path / "complete.json").read_text(encoding="utf-8"))

    @property
    def documents(self) -> pd.DataFrame:
        """The documents table (as ``Corpus.documents``, plus ``n_words``), of the selected documents."""
        docs = _read_documents(self.path)
        for column, values in self.where:
            docs = docs[docs[column].isin(list(values))]
        return docs.reset_index(drop=True)

    def files(self, table: str) -> str:
        """The glob of a table's files (for DuckDB, Spark, Dask …)."""
        return str(self.path / table / "part-*.parquet")

    def annotate(self, columns: Sequence[str]) -> TokenDataset:
        """The dataset with paragraph or document ``columns`` available to group by (nothing is copied)."""
        known = {"section", "heading_level", "heading_1", "heading_2", "is_salutation"} | set(
            self.documents.columns)
        unknown = set(columns) - known
        if unknown:
            raise KeyError(f"no paragraph or document column named {', '.join(sorted(unknown))}")
        return replace(self, columns=tuple(dict.fromkeys([*self.columns, *columns])))

    def subset(self, **selection: Sequence) -> TokenDataset:
        """The documents whose column has one of the values: ``ds.subset(year=range(2010, 2020))``."""
        return replace(self, where=self.where + tuple((k, tuple(v)) for k, v in selection.items()))

    def with_stopwords(self, stopword_lists: Sequence[str] | None) -> TokenDataset:
        """The same dataset read with other stopword lists (nothing is rebuilt)."""
        lists = tuple(stopword_lists or ())
        for name in lists:
            check_choice("stopword_lists", name, tuple(lexicon.STOPWORD_LISTS))
        return replace(self, stopword_lists=lists)

    def head(self, n: int = 5) -> pd.DataFrame:
        """The first ``n`` rows of the tokens table."""
        return self.query(f"SELECT {', '.join('t.' + c for c in TOKEN_COLUMNS)} FROM tokens t "
                          f"JOIN docs d USING (doc_id) LIMIT {int(n)}")

    def to_pandas(self) -> pd.DataFrame:
        """The whole tokens table (of the selected documents) in memory: only for small datasets."""
        order = self.documents["doc_id"].tolist()
        table = self.query(f"SELECT {', '.join('t.' + c for c in TOKEN_COLUMNS)} FROM tokens t "
                           "JOIN docs d USING (doc_id)")
        rank = {d: i for i, d in enumerate(order)}
        return table.sort_values(["doc_id", "token_no"], key=lambda s: s.map(rank) if s.name == "doc_id" else s,
                                 kind="stable").reset_index(drop=True)

    def table(self, name: str, columns: Sequence[str] | None = None) -> pd.DataFrame:
        """A per-document table of the selected documents in memory (``sentences``, ``set_aside``,
        ``list_items``, ``repairs``, ``notes``, ``paragraphs`` …), in corpus order; ``columns`` picks some.

        Read with pyarrow file by file and put in corpus order (the chunks' documents interleave with it) one
        column at a time, so that about one copy of the table is held while it is ordered, not three.
        """
        import pyarrow.compute as pc
        import pyarrow.parquet as pq

        wanted = pa.array(self.documents["doc_id"].tolist(), type=pa.string())
        files = sorted((self.path / name).glob("part-*.parquet"))
        # text columns are read as dictionaries (a document's id, section and headings repeat on every row) and
        # made plain strings only once in order
        texts = [f.name for f in pq.read_schema(files[0]) if f.type == pa.string()] if files else []
        parts = []
        for file in files:
            part = pq.read_table(file, columns=list(columns) if columns else None, read_dictionary=texts)
            rank = pc.index_in(part["doc_id"], value_set=wanted)  # null: a document outside the selection
            parts.append(part.append_column("_rank", rank).filter(pc.is_valid(rank)))
        if not parts:
            names = list(columns) if columns else SCHEMAS[name].names if name in SCHEMAS else []
            return pd.DataFrame(columns=names)
        table = pa.concat_tables(parts)
        del parts
        position = [c for c in ("para_no", "sent_no", "line_start", "list_no", "item_no", "start")
                    if c in table.column_names]
        order = np.lexsort([table[c].to_numpy() for c in reversed(position)] + [table["_rank"].to_numpy()])
        table = table.drop_columns(["_rank"])
        out = {}
        for column in table.column_names:
            values = table[column]
            table = table.drop_columns([column])
            values = values.take(order)
            out[column] = (values.cast(pa.string()) if pa.types.is_dictionary(values.type) else values).to_pandas()
            del values
        frame = pd.DataFrame(out)
        if "section" in frame:
            frame["section"] = pd.Categorical(frame["section"], categories=self.sections(), ordered=True)
        return frame

    def chunks(self, name: str = "tokens", columns: Sequence[str] | None = None) -> Iterator[pd.DataFrame]:
        """A table chunk by chunk (the selected documents of each; a document never spans two chunks).

        The tokens' ``is_stop`` follows :attr:`stopword_lists`; ``section`` is a string here.
        """
        import pyarrow.parquet as pq

        chosen = set(self.documents["doc_id"]) if self.where else None
        stops = lexicon.stopwords(*self.stopword_lists) if name in ("tokens", "docterms") else None
        for i in range(self.manifest["chunks"]):
            frame = pq.read_table(self.path / name / f"part-{i:05d}.parquet", columns=columns).to_pandas()
            if chosen is not None:
                frame = frame[frame["doc_id"].isin(chosen)].reset_index(drop=True)
            if stops and "is_stop" in frame:
                frame["is_stop"] = frame["is_stop"] | frame["token"].isin(stops)
            if len(frame):
                yield frame

    def connect(self):
        """A DuckDB connection with the views ``tokens, paragraphs, docterms, vocab, terms, notes`` and ``docs``
        (the selected documents); ``is_stop`` follows :attr:`stopword_lists`."""
        con = _duckdb()
        con.register("stop_words", pd.DataFrame({"token": sorted(lexicon.stopwords(*self.stopword_lists))},
                                                 dtype=object))
        marked = "SELECT * REPLACE (is_stop OR token IN (SELECT token FROM stop_words) AS is_stop) FROM"
        for name in ("tokens", "docterms"):
            con.execute(f"CREATE VIEW {name} AS {marked} read_parquet('{self.files(name)}')")
        for name in ("paragraphs", "notes"):
            con.execute(f"CREATE VIEW {name} AS SELECT * FROM read_parquet('{self.files(name)}')")
        con.execute(f"CREATE VIEW vocab AS SELECT * FROM read_parquet('{self.path / 'vocab.parquet'}')")
        con.execute(f"CREATE VIEW terms AS {marked} read_parquet('{self.path / 'terms.parquet'}')")
        con.register("docs_frame", self.documents)
        con.execute("CREATE VIEW docs AS SELECT * FROM docs_frame")
        return con

    def query(self, sql: str, params: Sequence | None = None) -> pd.DataFrame:
        """The result of a SQL query over :meth:`connect`'s views, as a DataFrame."""
        con = self.connect()
        try:
            return con.execute(sql, params or []).df()
        finally:
            con.close()

    def sections(self) -> list[str]:
        """Section labels in reading order (the categories of ``Corpus.paragraphs['section']``)."""
        return self.manifest["sections"]


def _duckdb():
    """A DuckDB connection on every core, with bounded memory (spilling to the system's temporary folder) and
    without DuckDB's own progress bar (it writes to standard output, so into a notebook's output or a pipe)."""
    import duckdb

    con = duckdb.connect()
    con.execute("SET enable_progress_bar = false")
    con.execute("SET enable_progress_bar_print = false")
    con.execute(f"SET threads TO {os.cpu_count() or 1}")
    con.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")
    return con


def _read_documents(path: Path) -> pd.DataFrame:
    """The documents table of a finished dataset (read once per process and file version; a copy each time)."""
    stamp = (path / "documents.parquet").stat()
    return _documents_file(str(path / "documents.parquet"), stamp.st_mtime_ns, stamp.st_size).copy()


@lru_cache(maxsize=4)
def _documents_file(file: str, _mtime_ns: int, _size: int) -> pd.DataFrame:
    import pyarrow.parquet as pq

    documents = pq.read_table(file).to_pandas(date_as_object=True)
    if "date" in documents.columns:  # Python dates or None, as in Corpus.documents (no 1677 limit)
        documents["date"] = [None if d is None or pd.isna(d) else getattr(d, "date", lambda d=d: d)()
                             for d in documents["date"]]
        documents["date"] = documents["date"].astype(object)
    return documents


def _key(stream: CorpusStream, backend: str, chunk_bytes: int) -> str:
    """The cache key (stopword lists are not in it: they are applied when the dataset is read)."""
    parts = [stream.digest, backend, lexicon.file_hash(lexicon.lexicon("policy_terms.txt")), str(chunk_bytes)]
    return cache_store.key(parts, code=_CODE, libraries=_LIBRARIES)


def open_dataset(path: Path | str) -> TokenDataset:
    """A finished dataset folder (one with ``complete.json``)."""
    path = Path(path)
    if not (path / "complete.json").is_file():
        raise FileNotFoundError(f"{path} is not a finished tokens dataset (no complete.json)")
    return TokenDataset(path)


def find(stream: CorpusStream) -> TokenDataset | None:
    """The most recently finished dataset of this corpus in the cache folder (with the default stopword lists),
    or None."""
    found = []
    for manifest in (cache_dir() / _STAGE).glob("*/complete.json"):
        info = json.loads(manifest.read_text(encoding="utf-8"))
        if info.get("corpus") == stream.digest:
            found.append((manifest.stat().st_mtime_ns, manifest.parent))
    return TokenDataset(max(found)[1]) if found else None


def build(
    stream: CorpusStream,
    *,
    backend: str = "rjieba",
    stopword_lists: Sequence[str] | None = ("general",),
    workers: int | None = None,
    progress: bool | None = None,
    chunk_bytes: int = CHUNK_BYTES,
    path: Path | str | None = None,
) -> TokenDataset:
    """Segment a streamed corpus into the tokens dataset, or open the finished one with the same key.

    ``workers`` processes (default: every core) read, clean and segment chunks of whole documents, each
    writing its chunk; ``progress`` shows a bar with the time left (default: when there is more than one
    chunk); an interrupted build resumes from the chunks it lacks.  ``path`` puts the dataset elsewhere
    than the cache folder (it is then still keyed: ``path/<key>``).  Returns the :class:`TokenDataset`.
    """
    stopword_lists = tuple(stopword_lists or ())
    for name in stopword_lists:
        check_choice("stopword_lists", name, tuple(lexicon.STOPWORD_LISTS))
    key = _key(stream, backend, chunk_bytes)
    where = (Path(path) if path is not None else cache_dir() / _STAGE) / key
    if (where / "complete.json").is_file():
        return TokenDataset(where, stopword_lists=stopword_lists)
    _check_not_bootstrapping()
    where.mkdir(parents=True, exist_ok=True)
    with _exclusive(where / ".lock"):  # two notebooks of one report asking at once: the second waits, then reads
        if not (where / "complete.json").is_file():
            _build_chunks(stream, where, backend, workers, progress, chunk_bytes)
    return TokenDataset(where, stopword_lists=stopword_lists)


def _check_not_bootstrapping() -> None:
    """Refuse to build in a worker process that is still importing the main script.

    The worker processes are spawned, so each one first runs the script that started the build; a script
    without ``if __name__ == "__main__":`` would start the build again there, and that second build would
    wait for ever on the lock the first one holds (the same test as multiprocessing's own for this mistake).
    """
    import multiprocessing

    if getattr(multiprocessing.current_process(), "_inheriting", False):
        raise RuntimeError(
            "tokens dataset: the build was started again in one of its worker processes, which run the main "
            "script when they start; put the script's code under  if __name__ == \"__main__\":  (a notebook "
            "needs nothing)")


@contextmanager
def _exclusive(lock: Path):
    """Hold an exclusive lock on the file ``lock`` (released when the process ends, even if it is killed)."""
    import fcntl

    with open(lock, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _build_chunks(stream: CorpusStream, where: Path, backend: str, workers: int | None, progress: bool | None,
                  chunk_bytes: int) -> None:
    """Write every chunk the folder lacks, then the corpus-wide tables and the manifest."""
    ranges = chunk_ranges(stream.sizes, chunk_bytes)
    for table in TABLES:
        (where / table).mkdir(parents=True, exist_ok=True)
    for stale in where.glob("*/.part-*.tmp"):  # left by an interrupted run: its chunk is redone
        stale.unlink()
    pending = [i for i in range(len(ranges)) if not (where / "tokens" / f"part-{i:05d}.parquet").exists()]
    total = sum(stream.sizes)
    done_bytes = total - sum(sum(stream.sizes[j] for j in ranges[i]) for i in pending)
    jobs = [(stream.folder, [stream.jobs[j] for j in ranges[i]], str(where), i, backend) for i in pending]
    show = progress if progress is not None else len(ranges) > 1
    workers = workers or os.cpu_count() or 1
    bar = _bar(total, done_bytes, show)
    try:
        if workers > 1 and len(jobs) > 1:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            # spawn, not fork (a notebook kernel holds threads).  No max_tasks_per_child: before Python 3.13 the
            # pool hangs once its workers reach it (CPython gh-115634; seen at 2 x 256 chunks of the 1,000 M run)
            with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
                for size in pool.map(_build_chunk, jobs):
                    bar.update(size)
        else:
            for job in jobs:
                bar.update(_build_chunk(job))
    finally:
        bar.close()
    _finish(where, len(ranges), stream, backend)


class _NoBar:
    def update(self, _n: int) -> None:
        pass

    def close(self) -> None:
        pass


def _bar(total: int, initial: int, show: bool):
    if not show:
        return _NoBar()
    from tqdm.auto import tqdm

    return tqdm(total=total, initial=initial, unit="B", unit_scale=True, desc="tokens dataset", smoothing=0.1)


def _write(table: pa.Table | pd.DataFrame, target: Path, *, schema: pa.Schema | None = None, **options) -> None:
    """One Parquet file, written under a temporary name and renamed (a reader never sees half of it)."""
    import pyarrow.parquet as pq

    arrow = table if isinstance(table, pa.Table) else pa.Table.from_pandas(table, schema=schema,
                                                                            preserve_index=False)
    staging = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    pq.write_table(arrow, staging, compression="zstd", row_group_size=1_000_000, **options)
    staging.rename(target)


def _build_chunk(job) -> int:
    """Read, clean, segment and write one chunk (in a worker process); returns its size in bytes.

    The rows go from lists straight to Arrow tables (pandas DataFrames of them, sorted, took a tenth of
    the chunk's time); editions are found over the whole corpus, in :func:`_finish`.
    """
    folder, jobs, where, index, backend = job
    where = Path(where)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        rows = read_chunk(folder, jobs)
    paragraphs = _arrow(rows.paragraphs, SCHEMAS["paragraphs"].remove(SCHEMAS["paragraphs"].names.index("n_words")))
    frame = pd.DataFrame({name: pd.Series(paragraphs.column(name).to_numpy(zero_copy_only=False),
                                          dtype=object if name != "para_no" else "int64")
                          for name in ("doc_id", "para_no", "text")})  # object: no conversion to Arrow strings
    # stopwords by rule only: the lists are applied when the dataset is read (TokenDataset.stopword_lists)
    tokens = _segment_chunk((backend, (), frame), dictionary=True)
    vocab, docterms, n_words = _count_words(tokens, frame)
    paragraphs = paragraphs.append_column("n_words", pa.array(n_words))
    per_doc = pd.Series(n_words).groupby(frame["doc_id"].to_numpy()).sum()
    documents = mark_editions(rows.documents, pd.DataFrame(columns=["doc_id", "edition_of"]))
    documents = documents.assign(n_words=documents["doc_id"].map(per_doc).fillna(0).astype("int64"))
    name = f"part-{index:05d}.parquet"
    tables = {"documents": documents, "paragraphs": paragraphs, "docterms": docterms, "vocab": vocab,
              "tokens": tokens, "sketches": editions.sketches(bodies_of(rows.paragraphs))}
    for table in TABLES:
        data = tables[table] if table in tables else _arrow(getattr(rows, table), SCHEMAS[table])
        _write(data, where / table / name, schema=SCHEMAS.get(table), **_OPTIONS.get(table, {}))
    return sum(path.stat().st_size for path, _, _ in jobs)


def _arrow(rows: list[dict] | list[tuple], schema: pa.Schema) -> pa.Table:
    """An Arrow table of rows, built column by column: dicts (a value a row lacks is null), or tuples of
    every column of ``schema`` in its order."""
    if rows and isinstance(rows[0], tuple):
        columns = list(zip(*rows, strict=True))
        return pa.table([pa.array(column, field.type) for column, field in zip(columns, schema, strict=True)],
                        schema=schema)
    return pa.table({name: pa.array([row.get(name) for row in rows], schema.field(name).type)
                     for name in schema.names}, schema=schema)


def _count_words(tokens: pa.Table, paragraphs: pd.DataFrame) -> tuple[pa.Table, pa.Table, np.ndarray]:
    """A chunk's distinct tokens, its word tokens counted per document, and the word tokens of each paragraph.

    Returns ``vocab`` (``token, is_word``), ``docterms`` (``doc_id, token, pos, is_stop, n, paras``, sorted by
    document and token) and ``n_words`` (one count per row of ``paragraphs``).  Counted on integer codes with
    numpy (a group-by on the string columns took a fifth of a chunk's time); ``pos`` and ``is_stop`` are
    those of the token (the tokens table gives every occurrence of a token the same ones).
    """
    encoded = _encoded(tokens.column("token"))
    dictionary = encoded.dictionary
    codes = encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64)
    is_word = np.fromiter((not is_rule_stop(w) for w in dictionary.to_pylist()), dtype=bool, count=len(dictionary))
    vocab = pa.table({"token": dictionary, "is_word": pa.array(is_word)})
    # each token's paragraph row: paragraphs are in document order, then para_no, as the tokens are
    doc_codes, doc_ids = pd.factorize(paragraphs["doc_id"])
    span = int(paragraphs["para_no"].max()) + 1 if len(paragraphs) else 1
    row_keys = doc_codes.astype(np.int64) * span + paragraphs["para_no"].to_numpy(dtype=np.int64)
    by_doc = _encoded(tokens.column("doc_id"))
    token_docs = pd.Index(doc_ids).get_indexer(by_doc.dictionary.to_pylist())[
        by_doc.indices.to_numpy(zero_copy_only=False)]
    token_keys = token_docs.astype(np.int64) * span + tokens.column("para_no").to_numpy().astype(np.int64)
    rows = np.searchsorted(row_keys, token_keys)
    word = is_word[codes]
    n_words = np.bincount(rows[word], minlength=len(paragraphs)).astype(np.int64)
    # (token, paragraph row) pairs, then their runs of one document: n and the number of paragraphs
    n_rows = max(len(paragraphs), 1)
    pairs, pair_counts = np.unique(codes[word] * n_rows + rows[word], return_counts=True)
    pair_token, pair_row = pairs // n_rows, pairs % n_rows
    pair_doc = doc_codes[pair_row]
    new_term = np.r_[True, (pair_token[1:] != pair_token[:-1]) | (pair_doc[1:] != pair_doc[:-1])]
    starts = np.flatnonzero(new_term[:len(pairs)])
    term_token, term_doc = pair_token[starts], pair_doc[starts]
    n = np.add.reduceat(pair_counts, starts) if len(starts) else np.zeros(0, np.int64)
    paras = np.diff(np.r_[starts, len(pairs)])
    # sorted by document and token as strings (as a reader of one document's terms expects)
    doc_rank = np.argsort(np.argsort(np.asarray(doc_ids, dtype=object), kind="stable"), kind="stable")
    token_rank = np.empty(len(dictionary), dtype=np.int64)
    token_rank[pc.sort_indices(dictionary).to_numpy()] = np.arange(len(dictionary))
    order = np.lexsort((token_rank[term_token], doc_rank[term_doc]))
    term_token, term_doc = term_token[order], term_doc[order]
    occurrence = np.zeros(len(dictionary), dtype=np.int64)
    occurrence[codes] = np.arange(len(codes))  # any one occurrence of each token: they all share pos and is_stop
    at = pa.array(occurrence[term_token])
    docterms = pa.table({  # as dictionary arrays, written as strings (see _OPTIONS)
        "doc_id": pa.DictionaryArray.from_arrays(pa.array(term_doc, pa.int32()),
                                                 pa.array(np.asarray(doc_ids, dtype=object), pa.string())),
        "token": pa.DictionaryArray.from_arrays(pa.array(term_token, pa.int32()), dictionary),
        "pos": tokens.column("pos").take(at),
        "is_stop": tokens.column("is_stop").take(at),
        "n": pa.array(n[order].astype(np.int64)),
        "paras": pa.array(paras[order].astype(np.int64)),
    })
    return vocab, docterms, n_words


def _encoded(column: pa.ChunkedArray) -> pa.DictionaryArray:
    """A column as one dictionary array (as it is when it is one already)."""
    column = column.combine_chunks()
    return column if pa.types.is_dictionary(column.type) else pc.dictionary_encode(column)


def _find_editions(where: Path, documents: pd.DataFrame) -> pd.DataFrame:
    """Editions over the whole corpus (from every chunk's sketches): ``documents`` marked, their notes written."""
    import pyarrow.dataset as pads

    table = pads.dataset(str(where / "sketches"), format="parquet").to_table().to_pandas()
    rank = {doc_id: i for i, doc_id in enumerate(documents["doc_id"])}
    table = table.sort_values("doc_id", key=lambda s: s.map(rank)).reset_index(drop=True)
    table["sketch"] = [np.asarray(v, dtype=np.uint64) for v in table["sketch"]]

    def texts(wanted: list[str]) -> dict[str, str]:
        con = _duckdb()
        try:
            con.register("wanted", pd.DataFrame({"doc_id": wanted}, dtype=object))
            bodies = con.execute(f"SELECT doc_id, string_agg(text, '' ORDER BY para_no) AS body FROM read_parquet("
                                 f"'{where / 'paragraphs' / 'part-*.parquet'}') SEMI JOIN wanted USING (doc_id) "
                                 "GROUP BY doc_id").df()
        finally:
            con.close()
        return {d: "".join(b.split()) for d, b in zip(bodies["doc_id"], bodies["body"], strict=True)}

    found = editions.match(table, texts)
    _write(edition_notes(found, documents), where / "notes" / "part-editions.parquet", schema=SCHEMAS["notes"])
    return mark_editions(documents, found)


def _finish(where: Path, chunks: int, stream: CorpusStream, backend: str) -> None:
    """The documents and vocabulary tables of the whole dataset, then ``complete.json`` (the dataset is done)."""
    import pyarrow.dataset as pads
    import pyarrow.parquet as pq

    parts = [pq.read_table(where / "documents" / f"part-{i:05d}.parquet").to_pandas() for i in range(chunks)]
    documents = pd.concat(parts, ignore_index=True).sort_values(["year", "date", "doc_id"], na_position="last")
    twice = documents.loc[documents["doc_id"].duplicated(keep=False)].sort_values("doc_id")
    if len(twice):  # the rows of two documents of one doc_id (rows of a table, say) would be mixed up
        shown = "; ".join(f"{doc_id!r} in {', '.join(group['file'])}" for doc_id, group in twice.groupby("doc_id"))
        raise CorpusError(f"{stream.folder}: doc_ids must be unique, and these are not: {shown} (rename them)")
    documents = _find_editions(where, documents.reset_index(drop=True))
    # dates in microseconds: Spark and others do not read Parquet's nanosecond timestamps
    _write(documents.reset_index(drop=True), where / "documents.parquet", coerce_timestamps="us")
    vocab = pads.dataset(str(where / "vocab"), format="parquet").to_table().group_by(["token", "is_word"]).aggregate([])
    _write(vocab.sort_by("token"), where / "vocab.parquet")
    con = _duckdb()
    try:  # the corpus-wide term table: what a frequency table of the whole corpus reads
        con.execute(f"COPY (SELECT token, pos, is_stop, sum(n)::BIGINT AS n, count(*)::BIGINT AS docs, "
                    f"sum(paras)::BIGINT AS paras FROM read_parquet('{where / 'docterms' / 'part-*.parquet'}') "
                    f"GROUP BY ALL ORDER BY token) TO '{where / '.terms.parquet.tmp'}' "
                    "(FORMAT parquet, COMPRESSION zstd)")
    finally:
        con.close()
    (where / ".terms.parquet.tmp").rename(where / "terms.parquet")
    sections = pads.dataset(str(where / "paragraphs"), format="parquet").to_table(columns=["section"])
    n_tokens = sum(pq.ParquetFile(where / "tokens" / f"part-{i:05d}.parquet").metadata.num_rows
                   for i in range(chunks))
    manifest = {
        "folder": str(stream.folder), "corpus": stream.digest, "documents": len(documents), "chunks": chunks,
        "tokens": n_tokens,
        "characters": int(documents["n_chars"].sum()), "bytes": sum(stream.sizes), "backend": backend,
        "columns": TOKEN_COLUMNS,
        "sections": section_order(sections.column("section").unique().to_pylist()),
        "finished": time.strftime("%Y-%m-%dT%H:%M:%S"),
    }
    staging = where / ".complete.json.tmp"
    staging.write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    staging.rename(where / "complete.json")
