"""The corpus-wide tables of a tokens dataset, once every chunk is written: editions, documents, vocabulary,
terms, and the manifest ``complete.json`` last."""

from __future__ import annotations

import json
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow.dataset as pads
import pyarrow.parquet as pq

from ...corpus import editions
from ...corpus.model import edition_notes, mark_editions
from ...corpus.stream import CorpusStream
from ...corpus.structure import section_order
from ...errors import CorpusError
from ..table import TOKEN_COLUMNS
from .connection import duckdb_connection
from .files import SCHEMAS, chunk_file, write_file

__all__ = ["finish"]


def _find_editions(where: Path, documents: pd.DataFrame) -> pd.DataFrame:
    """Editions over the whole corpus (from every chunk's sketches): ``documents`` marked, their notes written."""
    table = pads.dataset(str(where / "sketches"), format="parquet").to_table().to_pandas()
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


def finish(where: Path, chunks: int, stream: CorpusStream, *, backend: str, key: str, chunk_bytes: int
           ) -> None:
    """The documents and vocabulary tables of the whole dataset, then ``complete.json`` (the dataset is done)."""
    parts = [pq.read_table(where / "documents" / chunk_file(i)).to_pandas() for i in range(chunks)]
    documents = pd.concat(parts, ignore_index=True).sort_values(["year", "date", "doc_id"], na_position="last")
    twice = documents.loc[documents["doc_id"].duplicated(keep=False)].sort_values("doc_id")
    if len(twice):  # the rows of two documents of one doc_id (rows of a table, say) would be mixed up
        shown = "; ".join(f"{doc_id!r} in {', '.join(group['file'])}" for doc_id, group in twice.groupby("doc_id"))
        raise CorpusError(f"{stream.folder}: doc_ids must be unique, and these are not: {shown} (rename them)")
    documents = _find_editions(where, documents.reset_index(drop=True))
    # dates in microseconds: Spark and others do not read Parquet's nanosecond timestamps
    write_file(documents.reset_index(drop=True), where / "documents.parquet", coerce_timestamps="us")
    vocab = pads.dataset(str(where / "vocab"), format="parquet").to_table().group_by(["token", "is_word"]).aggregate([])
    write_file(vocab.sort_by("token"), where / "vocab.parquet")
    con = duckdb_connection()
    try:  # the corpus-wide term table: what a frequency table of the whole corpus reads
        con.execute(f"COPY (SELECT token, pos, is_stop, sum(n)::BIGINT AS n, count(*)::BIGINT AS docs, "
                    f"sum(paras)::BIGINT AS paras FROM read_parquet('{where / 'docterms' / 'part-*.parquet'}') "
                    f"GROUP BY ALL ORDER BY token) TO '{where / '.terms.parquet.tmp'}' "
                    "(FORMAT parquet, COMPRESSION zstd)")
    finally:
        con.close()
    (where / ".terms.parquet.tmp").rename(where / "terms.parquet")
    sections = pads.dataset(str(where / "paragraphs"), format="parquet").to_table(columns=["section"])
    n_tokens = sum(pq.ParquetFile(where / "tokens" / chunk_file(i)).metadata.num_rows
                   for i in range(chunks))
    manifest = {
        "folder": str(stream.folder), "corpus": stream.digest, "documents": len(documents), "chunks": chunks,
        "tokens": n_tokens,
        "characters": int(documents["n_chars"].sum()), "bytes": sum(stream.sizes), "backend": backend,
        "key": key, "chunk_bytes": chunk_bytes,
        "columns": TOKEN_COLUMNS,
        "sections": section_order(sections.column("section").unique().to_pylist()),
        "finished": time.strftime("%Y-%m-%dT%H:%M:%S"),
    }
    staging = where / ".complete.json.tmp"
    staging.write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    staging.rename(where / "complete.json")
