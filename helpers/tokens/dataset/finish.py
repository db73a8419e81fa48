"""The corpus-wide tables of a tokens dataset, once every chunk is written: the documents with their word counts,
the vocabulary, the term tables (of every document, and of each work once), and the manifest ``complete.json`` last."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pyarrow.dataset as pads
import pyarrow.parquet as pq

from ...corpus.editions import later_editions
from ...corpus.parquet import chunk_file, duckdb_connection, write_file
from ...corpus.store import CorpusStore
from ..table import TOKEN_COLUMNS

__all__ = ["finish"]


def finish(where: Path, store: CorpusStore, *, backend: str, key: str) -> None:
    """The documents (with ``n_words``), vocabulary and term tables of the whole dataset, then ``complete.json``."""
    chunks = store.manifest["chunks"]
    words = pads.dataset(str(where / "words"), format="parquet").to_table(columns=["doc_id", "n_words"])
    per_doc = words.group_by("doc_id").aggregate([("n_words", "sum")]).to_pandas().set_index("doc_id")["n_words_sum"]
    documents = store.documents
    documents = documents.assign(n_words=documents["doc_id"].map(per_doc).fillna(0).astype("int64"))
    write_file(documents, where / "documents.parquet", coerce_timestamps="us")
    vocab = pads.dataset(str(where / "vocab"), format="parquet").to_table().group_by(["token", "is_word"]).aggregate([])
    write_file(vocab.sort_by("token"), where / "vocab.parquet")
    con = duckdb_connection()
    # the corpus-wide term tables: what a frequency table of the whole corpus reads, and of each work once (its
    # later editions left out, helpers.corpus.editions.later_editions), the table a pooled count reads
    con.register("later", documents.loc[later_editions(documents), ["doc_id"]])
    try:
        for name, keep in (("terms", ""), ("works", "ANTI JOIN later USING (doc_id) ")):
            con.execute(f"COPY (SELECT token, pos, is_stop, sum(n)::BIGINT AS n, count(*)::BIGINT AS docs, "
                        f"sum(paras)::BIGINT AS paras FROM read_parquet('{where / 'docterms' / 'part-*.parquet'}') "
                        f"{keep}GROUP BY ALL ORDER BY token) TO '{where / f'.{name}.parquet.tmp'}' "
                        "(FORMAT parquet, COMPRESSION zstd)")
    finally:
        con.close()
    for name in ("terms", "works"):
        (where / f".{name}.parquet.tmp").rename(where / f"{name}.parquet")
    n_tokens = sum(pq.ParquetFile(where / "tokens" / chunk_file(i)).metadata.num_rows for i in range(chunks))
    manifest = {
        "store": str(store.path), "folder": store.manifest["folder"], "corpus": store.manifest["corpus"],
        "documents": len(documents), "chunks": chunks, "tokens": n_tokens,
        "characters": store.manifest["characters"], "bytes": store.manifest["bytes"], "backend": backend,
        "key": key, "chunk_bytes": store.manifest["chunk_bytes"], "columns": TOKEN_COLUMNS,
        "sections": store.sections(), "finished": time.strftime("%Y-%m-%dT%H:%M:%S"),
    }
    staging = where / ".complete.json.tmp"
    staging.write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    staging.rename(where / "complete.json")
