"""The files of a tokens dataset: the tables, their schemas and encodings, and writing one file atomically."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

__all__ = ["CHUNK_BYTES", "OPTIONS", "SCHEMAS", "STAGE", "TABLES", "chunk_file", "write_file"]

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
STAGE = "tokens-dataset"  # the folder of the datasets in the cache folder
# the tokens' doc_id, token and pos come as dictionary arrays: Parquet stores their codes as they are (no
# hashing) and, without the Arrow schema, every reader gets strings; no min/max of the strings (no query
# can skip a chunk by them: each holds tokens from 的 to 龙)
# token_no, start and end rise by small steps: delta-encoded, not as dictionaries of nearly unique values
# (100 tokens files of the 1,000 M benchmark: 233 MB instead of 373 MB); the other columns repeat: dictionaries
OPTIONS = {"tokens": {"store_schema": False,
                       "use_dictionary": ["doc_id", "para_no", "sent_no", "token", "pos", "is_stop"],
                       "column_encoding": {c: "DELTA_BINARY_PACKED" for c in ("token_no", "start", "end")},
                       "write_statistics": ["para_no", "sent_no", "token_no", "start", "end", "is_stop"]},
            "docterms": {"store_schema": False, "write_statistics": ["doc_id", "is_stop", "n", "paras"]}}


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
