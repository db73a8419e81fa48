"""A corpus on disk: the tables of :class:`~helpers.corpus.Corpus` as partitioned Parquet files, read back.

:func:`helpers.corpus.store_build.build_store` writes a folder with one file per chunk of whole documents in
each table folder::

    documents/part-00012.parquet    the documents table of the chunk (editions not marked)
    paragraphs/part-00012.parquet   the paragraphs table (section as text), with the text
    sentences/part-00012.parquet    the sentences table without its text (it is the paragraph's text[start:end])
    set_aside/, list_items/, repairs/, notes/, sketches/   those tables as they are; sketches find editions
    documents.parquet               the whole corpus' documents, editions marked, in corpus order
    complete.json                   written last: the store is finished (chunks, sections, key)

:class:`CorpusStore` reads them (a selection of documents too); :class:`StoredTable` is one of its tables
standing where a DataFrame would (``corpus.paragraphs`` of a corpus on disk): the verbs of the analysis read
it through :mod:`helpers.engine`, and the tokens dataset is segmented from it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from .parquet import SCHEMAS, chunk_file, duckdb_connection

__all__ = ["CORPUS_TABLES", "CorpusStore", "StoredTable", "corpus_views", "ordered_table", "read_documents",
           "run_query"]

CORPUS_TABLES = ("documents", "paragraphs", "sentences", "set_aside", "list_items", "repairs", "notes", "sketches")
_POSITION = ("para_no", "sent_no", "line_start", "list_no", "item_no", "start")  # a table's reading order


@dataclass(frozen=True)
class CorpusStore:
    """A finished corpus store (``path``) and an optional selection of its documents, ``where`` =
    ``((column, values), …)`` (see :meth:`subset`)."""

    path: Path
    where: tuple = field(default=())

    def __repr__(self) -> str:
        info = self.manifest
        picked = f", documents where {dict(self.where)}" if self.where else ""
        return (f"CorpusStore({self.path}: {info['documents']:,} documents, {info['characters']:,} characters, "
                f"{info['chunks']} chunks{picked})")

    @cached_property
    def manifest(self) -> dict:
        return json.loads((self.path / "complete.json").read_text(encoding="utf-8"))

    @property
    def documents(self) -> pd.DataFrame:
        """The documents table (as ``Corpus.documents``) of the selected documents, in corpus order."""
        return read_documents(self.path / "documents.parquet", self.where)

    def sections(self) -> list[str]:
        """Section labels in reading order (the categories of ``Corpus.paragraphs['section']``)."""
        return list(self.manifest["sections"])

    def folder(self, name: str) -> Path:
        """The folder of a table's chunk files."""
        return self.path / name

    def files(self, name: str) -> str:
        """The glob of a table's files (for DuckDB, Spark, Dask …)."""
        return str(self.path / name / "part-*.parquet")

    def subset(self, **selection: Sequence) -> CorpusStore:
        """The documents whose column has one of the values: ``store.subset(year=range(2010, 2020))``."""
        return replace(self, where=self.where + tuple((k, tuple(v)) for k, v in selection.items()))

    def table(self, name: str, columns: Sequence[str] | None = None) -> pd.DataFrame:
        """A per-document table of the selected documents in memory, in corpus order; ``columns`` picks some.

        Read with pyarrow file by file and put in corpus order (the chunks' documents interleave with it) one
        column at a time, so that about one copy of the table is held while it is ordered, not three.
        """
        return ordered_table(self.path / name, self.documents["doc_id"], columns, self.sections(),
                             empty=SCHEMAS[name].names if name in SCHEMAS else [])

    def chunks(self, name: str, columns: Sequence[str] | None = None) -> Iterator[pd.DataFrame]:
        """A table chunk by chunk (the selected documents of each; a document never spans two chunks);
        ``section`` is a string here."""
        chosen = set(self.documents["doc_id"]) if self.where else None
        for i in range(self.manifest["chunks"]):
            frame = pq.read_table(self.path / name / chunk_file(i), columns=columns).to_pandas()
            if chosen is not None:
                frame = frame[frame["doc_id"].isin(chosen)].reset_index(drop=True)
            if len(frame):
                yield frame

    def connect(self, only: Iterable[str] | None = None):
        """A DuckDB connection with the views ``paragraphs, sentences, set_aside, list_items, repairs, notes``
        (of the selected documents; ``only`` those named) and ``docs`` (the selected documents)."""
        return corpus_views(duckdb_connection(), self.documents, self.files, only=only, selected=bool(self.where))

    def query(self, sql: str, params: Sequence | None = None) -> pd.DataFrame:
        """The result of a SQL query over :meth:`connect`'s views (those it names), as a DataFrame."""
        return run_query(self.connect(only=named_views(sql)), sql, params)


@dataclass(frozen=True)
class StoredTable:
    """One table of a corpus on disk, standing where the DataFrame would: pass it to the verbs of ``textstat``,
    ``themes``, ``formulations`` or to ``tokens.segment``; read some of it with :meth:`head` or
    :meth:`to_pandas` (columns of the selected documents)."""

    store: CorpusStore
    name: str
    scheduler: str | None = None  # where data derived from it is built (the corpus' scheduler; see corpus.load)

    def __repr__(self) -> str:
        return f"StoredTable({self.name} of {self.store!r}; read it with .head() or .to_pandas(columns))"

    @property
    def columns(self) -> list[str]:
        return pq.read_schema(next(iter(sorted((self.store.path / self.name).glob("part-*.parquet"))))).names

    def __len__(self) -> int:
        if self.store.where:
            return len(self.to_pandas(["doc_id"]))
        return sum(pq.ParquetFile(f).metadata.num_rows for f in (self.store.path / self.name).glob("part-*.parquet"))

    def head(self, n: int = 5) -> pd.DataFrame:
        """The first ``n`` rows (of the first chunk that has any)."""
        for frame in self.store.chunks(self.name):
            return frame.head(n)
        return pd.DataFrame(columns=self.columns)

    def to_pandas(self, columns: Sequence[str] | None = None) -> pd.DataFrame:
        """The table in memory, in corpus order (the paragraphs' text of a large corpus is large: pick columns)."""
        return self.store.table(self.name, columns)


VIEWS = ("paragraphs", "sentences", "set_aside", "list_items", "repairs", "notes")  # a corpus' tables in SQL


def named_views(sql: str) -> set[str]:
    """The words of ``sql`` (views it may read): a connection creates only those (each view of a glob of Parquet
    files reads the files' footers when it is created: tens of milliseconds on a large corpus)."""
    return set(re.findall(r"[A-Za-z_]+", sql))


def corpus_views(con, documents: pd.DataFrame, files, *, paragraphs: str | None = None,
                 only: Iterable[str] | None = None, selected: bool = True):
    """``con`` with the views ``docs`` (``documents``) and the corpus' tables of those documents (``only`` those
    named), each read from the glob ``files(name)``; ``paragraphs`` replaces the paragraphs' ``FROM``;
    ``selected=False``: the documents are the whole corpus (no join to keep only theirs)."""
    con.register("docs_frame", documents)
    con.execute("CREATE TEMP VIEW docs AS SELECT * FROM docs_frame")
    wanted = set(VIEWS) if only is None else set(only)
    for name in (view for view in VIEWS if view in wanted):
        source = paragraphs if name == "paragraphs" and paragraphs else f"SELECT * FROM read_parquet('{files(name)}')"
        keep = " SEMI JOIN docs USING (doc_id)" if selected else ""
        con.execute(f"CREATE TEMP VIEW {name} AS SELECT * FROM ({source}){keep}")
    return con


def run_query(con, sql: str, params: Sequence | None = None) -> pd.DataFrame:
    """The result of ``sql`` on the connection ``con`` as a DataFrame; the connection is closed."""
    try:
        return con.execute(sql, params or []).df()
    finally:
        con.close()


def ordered_table(folder: Path, doc_ids: pd.Series, columns: Sequence[str] | None, sections: list[str], *,
                  empty: Sequence[str] = ()) -> pd.DataFrame:
    """The rows of the documents ``doc_ids`` from the chunk files of a table ``folder``, in the order of
    ``doc_ids`` and then each table's reading order; ``section`` as the ordered categorical of ``sections``."""
    wanted = pa.array(doc_ids.tolist(), type=pa.string())
    files = sorted(folder.glob("part-*.parquet"))
    # text columns are read as dictionaries (a document's id, section and headings repeat on every row) and
    # made plain strings only once in order
    texts = [f.name for f in pq.read_schema(files[0]) if f.type == pa.string()] if files else []
    parts = []
    for file in files:
        part = pq.read_table(file, columns=list(columns) if columns else None, read_dictionary=texts)
        rank = pc.index_in(part["doc_id"], value_set=wanted)  # null: a document outside the selection
        parts.append(part.append_column("_rank", rank).filter(pc.is_valid(rank)))
    if not parts:
        return pd.DataFrame(columns=list(columns) if columns else list(empty))
    table = pa.concat_tables(parts)
    del parts
    position = [c for c in _POSITION if c in table.column_names]
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
        frame["section"] = pd.Categorical(frame["section"], categories=sections, ordered=True)
    return frame


def read_documents(file: Path, where: tuple = ()) -> pd.DataFrame:
    """A documents table written to Parquet (read once per process and file version; a copy each time), its rows
    whose column has one of the values of each ``(column, values)`` of ``where``."""
    stamp = file.stat()
    return _selected_documents(str(file), stamp.st_mtime_ns, stamp.st_size, tuple(where)).copy()


@lru_cache(maxsize=16)
def _selected_documents(file: str, mtime_ns: int, size: int, where: tuple) -> pd.DataFrame:
    """The rows of the documents file that ``where`` selects (kept per selection: a verb asks several times)."""
    docs = _documents_file(file, mtime_ns, size)
    for column, values in where:
        if pd.api.types.is_string_dtype(docs[column]):  # a set lookup: pandas' isin took 20 ms for 6,011 doc_ids
            wanted = {str(v) for v in values}
            docs = docs[[isinstance(v, str) and v in wanted for v in docs[column].tolist()]]
        else:
            docs = docs[docs[column].isin(list(values))]
    return docs.reset_index(drop=True)


@lru_cache(maxsize=4)
def _documents_file(file: str, _mtime_ns: int, _size: int) -> pd.DataFrame:
    documents = pq.read_table(file).to_pandas(date_as_object=True)
    if "date" in documents.columns:  # Python dates or None, as in Corpus.documents (no 1677 limit)
        documents["date"] = [None if d is None or pd.isna(d) else getattr(d, "date", lambda d=d: d)()
                             for d in documents["date"]]
        documents["date"] = documents["date"].astype(object)
    return documents
