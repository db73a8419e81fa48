"""Parquet files of a corpus on disk: the tables' schemas, one file written atomically, the DuckDB connection that
reads them, and the lock a build holds.  The corpus store (:mod:`.store`) and the tokens dataset
(:mod:`helpers.tokens.dataset`) both write and read through these."""

from __future__ import annotations

import fcntl
import os
from contextlib import contextmanager
from functools import cache
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

__all__ = ["CHUNK_BYTES", "MEMORY_LIMIT", "SCHEMAS", "chunk_file", "duckdb_connection", "exclusive", "write_file"]

CHUNK_BYTES = 4_000_000  # raw text per chunk (about 1.3 M characters): a few hundred MB per worker at most
MEMORY_LIMIT = "2GB"  # DuckDB's working memory (it spills to disk beyond it); its default is 80% of the RAM
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
                             ("line_start", pa.int64()), ("line_end", pa.int64())]),
    "sentences": pa.schema([("doc_id", pa.string()), ("para_no", pa.int64()), ("sent_no", pa.int64()),
                            ("start", pa.int64()), ("end", pa.int64()), ("n_chars", pa.int64())]),
}


def chunk_file(index: int) -> str:
    """The file name of chunk ``index`` in each table folder."""
    return f"part-{index:05d}.parquet"


def write_file(table: pa.Table | pd.DataFrame, target: Path, *, schema: pa.Schema | None = None, **options) -> None:
    """One Parquet file, written under a temporary name and renamed (a reader never sees half of it)."""
    arrow = table if isinstance(table, pa.Table) else pa.Table.from_pandas(table, schema=schema,
                                                                            preserve_index=False)
    staging = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    pq.write_table(arrow, staging, compression="zstd", row_group_size=1_000_000, **options)
    staging.rename(target)


def remove_orphans(where: Path) -> None:
    """Remove the temporary files :func:`write_file` left in the table folders of ``where`` when its process
    was stopped (an interrupted build, a worker of a cluster that died): their chunks are written again."""
    for orphan in where.glob("*/.part-*.tmp"):
        orphan.unlink(missing_ok=True)


def duckdb_connection():
    """A DuckDB connection on every core, with bounded memory (spilling to the system's temporary folder) and
    without DuckDB's own progress bar (it writes to standard output, so into a notebook's output or a pipe).

    It is a cursor of one in-memory database per process (:func:`_database`; opening a database took 11 ms of
    every query): what it creates must be ``TEMP`` (its own, dropped when it is closed), its registrations are
    its own, and one cursor serves one thread."""
    con = _database().cursor()
    con.execute("SET enable_progress_bar = false")
    con.execute("SET enable_progress_bar_print = false")
    return con


@cache
def _database():
    """The process' DuckDB database for queries on Parquet files: every core, :data:`MEMORY_LIMIT`; it holds no
    table (the queries read the files; each cursor's views are temporary)."""
    import duckdb  # imported when a table on disk is queried, not with the workspace

    database = duckdb.connect()
    database.execute(f"SET threads TO {os.cpu_count() or 1}")
    database.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")
    # memory freed by a query goes back to the system within seconds (jemalloc's purging thread), not only when
    # the next query runs: a kernel would otherwise keep its largest query's memory (a query over 98 M
    # characters: 741 MB held after it without this, 277 MB twelve seconds later with it)
    database.execute("SET allocator_background_threads = true")
    return database


@contextmanager
def exclusive(lock: Path):
    """Hold an exclusive lock on the file ``lock`` (released when the process ends, even if it is killed)."""
    with open(lock, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
