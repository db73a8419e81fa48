"""Reading a finished tokens dataset: :class:`TokenDataset` (tables, chunks, DuckDB views) and :func:`open_dataset`."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq

from ... import lexicon
from ...corpus.parquet import chunk_file, duckdb_connection
from ...corpus.store import CORPUS_TABLES, CorpusStore, corpus_views, named_views, read_documents, run_query
from ...errors import ColumnError
from ...validate import check_choice
from ..table import TOKEN_COLUMNS
from .files import TABLES

__all__ = ["TokenDataset", "open_dataset"]

PARAGRAPH_COLUMNS = ("section", "heading_level", "heading_1", "heading_2", "is_salutation")


@dataclass(frozen=True)
class TokenDataset:
    """A finished tokens dataset on disk, and an optional selection of it.

    ``path`` is the dataset folder (its own tables: ``tokens, docterms, vocab, words``, the documents with
    ``n_words``); the corpus' other tables are those of its corpus store (:attr:`store`).  ``columns`` are the
    paragraph or document columns the statistics may group by (added with ``textstat.annotate``); ``where`` a
    selection of documents as ``((column, values), …)`` (see :meth:`subset`); ``stopword_lists`` the lists
    whose words are marked ``is_stop`` when the dataset is read (the files mark punctuation, symbols and digits
    only, so one dataset serves every choice of lists).  The verbs of the analysis read it through
    :mod:`helpers.engine`.
    """

    path: Path
    columns: tuple[str, ...] = ()
    where: tuple = field(default=())
    stopword_lists: tuple[str, ...] = ("general",)
    works: bool = False  # the selection is the whole dataset's first editions: its term table is ``works``

    def __repr__(self) -> str:
        info = self.manifest
        picked = f", documents where {dict(self.where)}" if self.where else ""
        return (f"TokenDataset({self.path}: {info['documents']:,} documents, {info['tokens']:,} tokens, "
                f"{info['chunks']} chunks, stopwords {'+'.join(self.stopword_lists) or 'by rule'}{picked})")

    def __getitem__(self, key):
        """The pandas idioms a tokens table and a dataset share: ``data["doc_id"]`` is a column of the dataset
        (:class:`DatasetColumn`: ``isin``, ``value_counts``), and ``data[data["doc_id"].isin(ids)]`` the dataset
        restricted to those documents (:meth:`subset`; a document column only)."""
        if isinstance(key, str):
            return DatasetColumn(self, key)
        if isinstance(key, Selection) and key.data == self:
            if key.column != "doc_id" and key.column not in self.documents.columns:
                raise ColumnError(f"{key.column!r} is not a document column: a dataset is selected by document")
            return self.subset(**{key.column: key.values})
        raise TypeError(f"a tokens dataset is indexed by a column name or a selection, not {type(key).__name__}")

    def __len__(self) -> int:
        if self.where:
            return int(self.query("SELECT count(*) FROM tokens t JOIN docs d USING (doc_id)").iloc[0, 0])
        return int(self.manifest["tokens"])

    @cached_property
    def manifest(self) -> dict:
        return json.loads((self.path / "complete.json").read_text(encoding="utf-8"))

    @property
    def store(self) -> CorpusStore:
        """The corpus store the dataset was segmented from, with the same selection of documents."""
        return CorpusStore(Path(self.manifest["store"]), where=self.where)

    @property
    def documents(self) -> pd.DataFrame:
        """The documents table (as ``Corpus.documents``, plus ``n_words``), of the selected documents."""
        return read_documents(self.path / "documents.parquet", self.where)

    def folder(self, table: str) -> Path:
        """The folder of a table's chunk files: the dataset's own, or the corpus store's."""
        return (self.path if table in TABLES else Path(self.manifest["store"])) / table

    def files(self, table: str) -> str:
        """The glob of a table's files (for DuckDB, Spark, Dask …)."""
        return str(self.folder(table) / "part-*.parquet")

    def annotate(self, columns: Sequence[str]) -> TokenDataset:
        """The dataset with paragraph or document ``columns`` available to group by (nothing is copied)."""
        known = set(PARAGRAPH_COLUMNS) | set(self.documents.columns)
        unknown = set(columns) - known
        if unknown:
            raise ColumnError(f"columns={sorted(unknown)!r}: no paragraph or document column named "
                              f"{', '.join(sorted(unknown))}")
        return replace(self, columns=tuple(dict.fromkeys([*self.columns, *columns])))

    def subset(self, **selection: Sequence) -> TokenDataset:
        """The documents whose column has one of the values: ``ds.subset(year=range(2010, 2020))``."""
        return replace(self, where=self.where + tuple((k, tuple(v)) for k, v in selection.items()), works=False)

    def each_work_once(self, doc_ids: Sequence[str]) -> TokenDataset:
        """The first editions ``doc_ids`` (:func:`helpers.textstat.works.each_work_once` chose them): the same
        selection as :meth:`subset`; of the whole dataset, its term table of each work once (``works.parquet``,
        written by the build) is what a frequency table of all its words reads."""
        return replace(self.subset(doc_id=doc_ids), works=not self.where and (self.path / "works.parquet").is_file())

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
        ``list_items``, ``repairs``, ``notes``, ``paragraphs`` with ``n_words`` …), in corpus order;
        ``columns`` picks some."""
        if name not in CORPUS_TABLES:
            raise KeyError(f"no table {name!r} in a tokens dataset's corpus ({', '.join(CORPUS_TABLES)})")
        wanted = list(columns) if columns is not None else None
        if name != "paragraphs" or (wanted is not None and "n_words" not in wanted):
            return self.store.table(name, wanted)
        own = [c for c in wanted if c != "n_words"] if wanted is not None else None
        frame = self.store.table(name, own if own is None or "para_no" in own else [*own, "para_no"])
        words = pd.concat([chunk for chunk in self._own_chunks("words")], ignore_index=True) if (
            self.path / "words").is_dir() else pd.DataFrame(columns=["doc_id", "para_no", "n_words"])
        frame = frame.merge(words, on=["doc_id", "para_no"], how="left")
        return frame if wanted is None else frame[wanted]

    def chunks(self, name: str = "tokens", columns: Sequence[str] | None = None) -> Iterator[pd.DataFrame]:
        """A table chunk by chunk (the selected documents of each; a document never spans two chunks).

        The tokens' ``is_stop`` follows :attr:`stopword_lists`; ``section`` is a string here.
        """
        if name not in TABLES:
            yield from self.store.chunks(name, columns)
            return
        yield from self._own_chunks(name, columns)

    def _own_chunks(self, name: str, columns: Sequence[str] | None = None) -> Iterator[pd.DataFrame]:
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

    def connect(self, only: Iterable[str] | None = None):
        """A DuckDB connection with the views ``tokens, docterms, vocab, terms, works``, the corpus' ``paragraphs``
        (with ``n_words``), ``sentences, set_aside, list_items, repairs, notes`` and ``docs`` (the selected
        documents), ``only`` those named; ``is_stop`` follows :attr:`stopword_lists`."""
        # the corpus' tables of the selected documents; the paragraphs with their word counts
        con = corpus_views(duckdb_connection(), self.documents, self.files,
                           paragraphs=f"SELECT p.*, w.n_words FROM read_parquet('{self.files('paragraphs')}') p "
                                      f"JOIN read_parquet('{self.files('words')}') w USING (doc_id, para_no)",
                           only=only, selected=bool(self.where))
        wanted = {"tokens", "docterms", "vocab", "terms", "works"} if only is None else set(only)
        con.register("stop_words", pd.DataFrame({"token": sorted(lexicon.stopwords(*self.stopword_lists))},
                                                 dtype=object))
        marked = "SELECT * REPLACE (is_stop OR token IN (SELECT token FROM stop_words) AS is_stop) FROM"
        for name in ("tokens", "docterms"):
            if name in wanted:
                con.execute(f"CREATE TEMP VIEW {name} AS {marked} read_parquet('{self.files(name)}')")
        if "vocab" in wanted:
            con.execute(f"CREATE TEMP VIEW vocab AS SELECT * FROM read_parquet('{self.path / 'vocab.parquet'}')")
        for name in ("terms", "works"):
            if name in wanted:
                con.execute(f"CREATE TEMP VIEW {name} AS {marked} read_parquet('{self.path / f'{name}.parquet'}')")
        return con

    def query(self, sql: str, params: Sequence | None = None) -> pd.DataFrame:
        """The result of a SQL query over :meth:`connect`'s views, as a DataFrame."""
        return run_query(self.connect(only=named_views(sql)), sql, params)

    def sections(self) -> list[str]:
        """Section labels in reading order (the categories of ``Corpus.paragraphs['section']``)."""
        return self.manifest["sections"]


@dataclass(frozen=True)
class Selection:
    """``data[column].isin(values)``: the rows whose ``column`` has one of the ``values``."""

    data: TokenDataset
    column: str
    values: tuple


@dataclass(frozen=True)
class DatasetColumn:
    """One column of a tokens dataset, as far as a tokens table's column is used on both: ``isin`` and
    ``value_counts`` (computed by DuckDB over the selected documents' tokens)."""

    data: TokenDataset
    name: str

    def isin(self, values) -> Selection:
        return Selection(self.data, self.name, tuple(values))

    def value_counts(self) -> pd.Series:
        """``count`` per value of the column, largest first (as pandas' ``value_counts``)."""
        if self.name not in TOKEN_COLUMNS:
            raise ColumnError(f"{self.name!r}: the tokens table has no such column ({', '.join(TOKEN_COLUMNS)})")
        found = self.data.query(f"SELECT t.{self.name} AS value, count(*)::BIGINT AS count FROM tokens t "
                                f"{'SEMI JOIN docs d USING (doc_id) ' if self.data.where else ''}"
                                f"GROUP BY t.{self.name} ORDER BY count DESC, value")
        return found.set_index("value")["count"].rename_axis(self.name)


def open_dataset(path: Path | str) -> TokenDataset:
    """A finished dataset folder (one with ``complete.json``)."""
    path = Path(path)
    if not (path / "complete.json").is_file():
        raise FileNotFoundError(f"{path} is not a finished tokens dataset (no complete.json)")
    return TokenDataset(path)
