"""Reading a finished tokens dataset: :class:`TokenDataset` (tables, chunks, DuckDB views) and :func:`open_dataset`."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from ... import lexicon
from ...validate import check_choice
from ..table import TOKEN_COLUMNS
from .connection import duckdb_connection
from .files import SCHEMAS, chunk_file

__all__ = ["TokenDataset", "open_dataset"]


@dataclass(frozen=True)
class TokenDataset:
    """A finished tokens dataset on disk, and an optional selection of it.

    ``path`` is the dataset folder; ``columns`` the paragraph or document columns the statistics may
    group by (added with ``textstat.annotate``); ``where`` a selection of documents as
    ``((column, values), …)`` (see :meth:`subset`); ``stopword_lists`` the lists whose words are marked
    ``is_stop`` when the dataset is read (the files mark punctuation, symbols and digits only, so one
    dataset serves every choice of lists).  The statistics of :mod:`helpers.textstat` accept it in place
    of a tokens DataFrame and compute on disk (:mod:`helpers.engine`).
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
        chosen = set(self.documents["doc_id"]) if self.where else None
        stops = lexicon.stopwords(*self.stopword_lists) if name in ("tokens", "docterms") else None
        for i in range(self.manifest["chunks"]):
            frame = pq.read_table(self.path / name / chunk_file(i), columns=columns).to_pandas()
            if chosen is not None:
                frame = frame[frame["doc_id"].isin(chosen)].reset_index(drop=True)
            if stops and "is_stop" in frame:
                frame["is_stop"] = frame["is_stop"] | frame["token"].isin(stops)
            if len(frame):
                yield frame

    def connect(self):
        """A DuckDB connection with the views ``tokens, paragraphs, docterms, vocab, terms, notes`` and ``docs``
        (the selected documents); ``is_stop`` follows :attr:`stopword_lists`."""
        con = duckdb_connection()
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



def _read_documents(path: Path) -> pd.DataFrame:
    """The documents table of a finished dataset (read once per process and file version; a copy each time)."""
    stamp = (path / "documents.parquet").stat()
    return _documents_file(str(path / "documents.parquet"), stamp.st_mtime_ns, stamp.st_size).copy()


@lru_cache(maxsize=4)
def _documents_file(file: str, _mtime_ns: int, _size: int) -> pd.DataFrame:

    documents = pq.read_table(file).to_pandas(date_as_object=True)
    if "date" in documents.columns:  # Python dates or None, as in Corpus.documents (no 1677 limit)
        documents["date"] = [None if d is None or pd.isna(d) else getattr(d, "date", lambda d=d: d)()
                             for d in documents["date"]]
        documents["date"] = documents["date"].astype(object)
    return documents



def open_dataset(path: Path | str) -> TokenDataset:
    """A finished dataset folder (one with ``complete.json``)."""
    path = Path(path)
    if not (path / "complete.json").is_file():
        raise FileNotFoundError(f"{path} is not a finished tokens dataset (no complete.json)")
    return TokenDataset(path)

