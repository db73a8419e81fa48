"""The analysis tables held in memory as DataFrames: :class:`FrameSource`.

Counting is done on integer codes with numpy (terms, groups, documents and paragraphs factorised once); a
table is one chunk.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import cache

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa

from ..corpus.store import named_views
from ..errors import ColumnError
from .base import Source, context_table, string_contexts, texts_counted
from .masks import factors, masks

__all__ = ["FrameSource"]

_CORPUS_TABLES = ("paragraphs", "sentences", "set_aside", "list_items", "repairs", "notes")


def _counted(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Sorted distinct values and how often each occurs (np.unique(..., return_counts=True), faster)."""
    codes, uniques = pd.factorize(values, sort=True)
    return np.asarray(uniques), np.bincount(codes, minlength=len(uniques))


def _distinct_per_key(keys: np.ndarray, units: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each distinct key, the number of distinct units it occurs with."""
    span = int(units.max()) + 1 if len(units) else 1
    pairs = pd.unique(keys.astype(np.int64) * span + units)  # hash-based: much faster than np.unique here
    return _counted(pairs // span)


# a projection of every column (``SELECT *``, ``t.*``): the query needs whole tables
_STAR = re.compile(r"(?:SELECT|,)\s*(?:\w+\.)?\*", re.IGNORECASE)


# below this many rows registered, a query runs on one thread: DuckDB's threads cost more than they save there
SMALL_QUERY_ROWS = 200_000


@cache
def _database(*, small: bool) -> duckdb.DuckDBPyConnection:
    """One empty in-memory DuckDB database per process and size class (opening one takes 10-15 ms, a cursor on
    it 1-3 ms); ``small``: the one-thread database for queries over fewer than :data:`SMALL_QUERY_ROWS` rows.

    It holds nothing between queries: each query opens a cursor, registers its tables there (a cursor's
    registrations are its own) and closes it."""
    database = duckdb.connect()
    if small:
        database.execute("SET threads = 1")
    return database


def _arrow(frame: pd.DataFrame, columns: list[str]):
    """The ``columns`` of ``frame`` as an Arrow table for DuckDB to scan (half the time of scanning the
    DataFrame on a few thousand rows, and no copy of the frame; NaN and NA become nulls, as pandas means them);
    the columns as a DataFrame when one does not convert (mixed Python objects)."""
    try:
        return pa.table({column: pa.array(frame[column]) for column in columns})
    except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError):
        return frame[columns]


class FrameSource(Source):
    """DataFrames in memory: ``tables`` by name (``tokens``, ``paragraphs``, ``sentences`` …) and a documents
    table (empty when only a tokens or paragraphs table was given)."""

    def __init__(self, tables: dict[str, pd.DataFrame], documents: pd.DataFrame | None = None) -> None:
        self.tables = tables
        self._given = documents
        self._factored: tuple | None = None

    def __repr__(self) -> str:
        sizes = ", ".join(f"{name} {len(frame):,}" for name, frame in self.tables.items())
        return f"FrameSource(in memory: {sizes})"

    @classmethod
    def of_frame(cls, frame: pd.DataFrame) -> FrameSource:
        """A tokens table (it has ``token``) or a paragraphs table."""
        return cls({"tokens" if "token" in frame.columns else "paragraphs": frame})

    @classmethod
    def of_corpus(cls, corpus) -> FrameSource:
        tables = {name: getattr(corpus, name) for name in _CORPUS_TABLES if hasattr(corpus, name)}
        return cls(tables, corpus.documents)

    def _get(self, name: str) -> pd.DataFrame:
        try:
            return self.tables[name]
        except KeyError:
            raise KeyError(f"no {name} table here (this source holds {', '.join(self.tables)})") from None

    @property
    def documents(self) -> pd.DataFrame:
        return self._documents

    def _factors(self) -> tuple:
        """:func:`~helpers.engine.masks.factors` of the tokens table, computed once for this source (the verbs
        that count twice, words and terms, factorize the token column once)."""
        if self._factored is None:
            self._factored = factors(self._get("tokens"))
        return self._factored

    @property
    def _documents(self) -> pd.DataFrame:
        """The documents table given, or an empty one (made when asked: most verbs never ask)."""
        if self._given is None:
            self._given = pd.DataFrame(columns=["doc_id"])
        return self._given

    @property
    def columns(self) -> list[str]:
        return list(self.tables.get("tokens", self.tables.get("paragraphs", pd.DataFrame())).columns)

    def sections(self) -> list[str]:
        for name in ("paragraphs", "tokens"):
            frame = self.tables.get(name)
            if frame is not None and "section" in frame:
                if isinstance(frame["section"].dtype, pd.CategoricalDtype):
                    return list(frame["section"].cat.categories)
                return list(pd.unique(frame["section"].dropna()))
        return []

    def table(self, name: str, columns: Sequence[str] | None = None, *,
              doc_ids: Sequence[str] | None = None) -> pd.DataFrame:
        frame = self._get(name)
        if doc_ids is not None:
            frame = frame[frame["doc_id"].isin(list(doc_ids))]
        return frame if columns is None else frame[[c for c in columns if c in frame.columns]]

    def chunks(self, name: str = "tokens", columns: Sequence[str] | None = None, *,
               annotate: Sequence[str] = ()) -> Iterator[pd.DataFrame]:
        whole = self._get(name)
        frame = self.table(name, None if columns is None else [*columns, *(c for c in annotate if c not in columns)])
        missing = [c for c in annotate if c not in whole.columns]
        if missing:
            frame = self._joined(frame, missing)
        if len(frame):
            yield frame

    def _joined(self, frame: pd.DataFrame, columns: Sequence[str]) -> pd.DataFrame:
        paragraphs = self.tables.get("paragraphs")
        para_cols = [c for c in columns if paragraphs is not None and c in paragraphs.columns]
        doc_cols = [c for c in columns if c not in para_cols and c in self._documents.columns]
        unknown = set(columns) - set(para_cols) - set(doc_cols)
        if unknown:
            raise ColumnError(f"by={sorted(unknown)[0]!r}: the tokens table has no column {sorted(unknown)[0]!r}; add "
                              "it with "
                           f"textstat.annotate(tokens, corpus, {sorted(unknown)!r})")
        if para_cols:
            frame = frame.merge(paragraphs[["doc_id", "para_no", *para_cols]], on=["doc_id", "para_no"], how="left")
        if doc_cols:
            frame = frame.merge(self._documents[["doc_id", *doc_cols]], on="doc_id", how="left")
        return frame

    def term_counts(self, keys: Sequence[str], *, stopwords: bool, pos: Sequence[str] | None,
                    min_length: int, terms: Sequence[str] | None = None) -> pd.DataFrame:
        tokens = self._get("tokens")
        keys = list(keys)
        missing = [g for g in keys if g not in tokens.columns]
        if missing:
            raise ColumnError(f"by={missing[0]!r}: the tokens table has no column {missing[0]!r}; add it with "
                           f"textstat.annotate(tokens, corpus, {missing!r})")
        # everything is counted on integer codes: term, group, document and paragraph (one pass over the tokens)
        term_codes, term_values, words, keep = masks(tokens, stopwords=stopwords, pos=pos, min_length=min_length,
                                                     factored=self._factors())
        if keys:
            grouped = tokens.groupby(keys, sort=True, observed=True, dropna=False)
            group_codes = grouped.ngroup().to_numpy()
            group_values = grouped.size().index.to_frame(index=False)
        else:
            group_codes = np.zeros(len(tokens), dtype=np.int64)
            group_values = pd.DataFrame(index=[0])
        doc_codes = pd.factorize(tokens["doc_id"])[0]
        # paragraphs numbered within documents (a tokens table without para_no counts each document as one)
        para_no = tokens["para_no"].to_numpy(dtype=np.int64) if "para_no" in tokens else np.zeros(len(tokens), np.int64)
        para_codes = doc_codes.astype(np.int64) * (int(para_no.max()) + 1 if len(tokens) else 1) + para_no
        totals = np.bincount(group_codes[words], minlength=len(group_values))
        if terms is not None:
            keep &= tokens["token"].isin(list(terms)).to_numpy(dtype=bool)
        key = group_codes[keep].astype(np.int64) * len(term_values) + term_codes[keep]
        unique_keys, count = _counted(key)
        _, docfreq = _distinct_per_key(key, doc_codes[keep])
        _, parafreq = _distinct_per_key(key, para_codes[keep])
        group_of, term_of = np.divmod(unique_keys, len(term_values)) if len(term_values) else (unique_keys,
                                                                                                unique_keys)
        table = group_values.iloc[group_of].reset_index(drop=True) if keys else pd.DataFrame(index=range(len(count)))
        table["term"] = pd.Series(np.asarray(term_values, dtype=object)[term_of], dtype=tokens["token"].dtype)
        table["count"] = count
        table["docfreq"] = docfreq
        table["parafreq"] = parafreq
        table["total"] = totals[group_of]
        return table

    def text_counts(self, terms: Sequence[str], keys: Sequence[str]) -> pd.DataFrame:
        keys = list(keys)
        tokens = self.tables.get("tokens")
        if tokens is not None:  # the paragraph texts are their tokens laid end to end (tokens cover every character)
            missing = [k for k in keys if k not in tokens.columns]
            if missing:
                tokens = self._joined(tokens, missing)
            others = [k for k in keys if k not in ("doc_id", "para_no")]
            if "para_no" not in tokens.columns:  # a tokens table without paragraphs: each document is one
                tokens = tokens.assign(para_no=0)
            grouped = tokens.groupby(["doc_id", "para_no"], sort=False, observed=True)
            texts = grouped["token"].agg("".join).rename("text").to_frame()
            if others:
                texts = texts.join(grouped[others].first())
            texts = texts.reset_index()
        else:
            texts = self._joined(self._get("paragraphs"), [k for k in keys if k not in ("doc_id", "para_no")]) \
                if keys else self._get("paragraphs")
        return texts_counted(texts, terms, keys)

    def word_counts(self, keys: Sequence[str]) -> pd.DataFrame:
        tokens = self._get("tokens")
        words = tokens[self._factors()[2]]
        if not keys:
            return pd.DataFrame({"total": [len(words)]})
        return words.groupby(list(keys), sort=False, observed=True).size().rename("total").reset_index()

    def counts(self, *, stopwords: bool, pos: Sequence[str] | None, min_length: int,
               min_count: int) -> pd.Series:
        tokens = self._get("tokens")
        keep = masks(tokens, stopwords=stopwords, pos=pos, min_length=min_length, factored=self._factors())[3]
        out = tokens.loc[keep, "token"].value_counts().rename("count").rename_axis("term")
        return out[out >= min_count]

    def annotate(self, corpus, columns: Sequence[str]) -> pd.DataFrame:
        out = self._get("tokens")
        para_cols = [c for c in columns if c in corpus.paragraphs.columns and c not in ("doc_id", "para_no")]
        doc_cols = [c for c in columns if c not in para_cols and c in corpus.documents.columns and c != "doc_id"]
        unknown = set(columns) - set(para_cols) - set(doc_cols)
        if unknown:
            raise ColumnError(f"columns={sorted(unknown)!r}: no paragraph or document column named "
                              f"{', '.join(sorted(unknown))}")
        if para_cols:
            out = out.merge(corpus.paragraphs[["doc_id", "para_no", *para_cols]], on=["doc_id", "para_no"],
                            how="left")
        if doc_cols:
            out = out.merge(corpus.documents[["doc_id", *doc_cols]], on="doc_id", how="left")
        return out

    def string_contexts(self, pattern: re.Pattern, width: int, *, literal: str | None = None) -> pd.DataFrame:
        paragraphs = self._get("paragraphs")
        section = paragraphs["section"] if "section" in paragraphs.columns else [""] * len(paragraphs)
        rows = zip(paragraphs["doc_id"].tolist(), list(section), paragraphs["para_no"].tolist(),
                   paragraphs["text"].tolist(), strict=True)
        if literal is not None:  # a substring test first: most paragraphs do not hold it
            rows = (row for row in rows if literal in row[3])
        return string_contexts(rows, pattern, width)

    def token_contexts(self, query: str, width: int, paragraphs: Source) -> pd.DataFrame:
        tokens = self._get("tokens")
        located = paragraphs.table("paragraphs")  # no column selection: that copies the table
        section = located["section"] if "section" in located.columns else pd.Series("", index=located.index)
        sections = dict(zip(zip(located["doc_id"], located["para_no"], strict=True), section, strict=True))
        hits = np.flatnonzero((tokens["token"] == query).to_numpy())
        words = tokens["token"].to_numpy(dtype=object)
        docs, paras = tokens["doc_id"].to_numpy(dtype=object), tokens["para_no"].to_numpy()
        starts, ends = tokens["start"].to_numpy(), tokens["end"].to_numpy()
        rows = []
        for i in hits:
            lo, hi = i, i
            while lo > 0 and i - lo < width and docs[lo - 1] == docs[i] and paras[lo - 1] == paras[i]:
                lo -= 1
            while hi + 1 < len(words) and hi - i < width and docs[hi + 1] == docs[i] and paras[hi + 1] == paras[i]:
                hi += 1
            key = (docs[i], paras[i])
            if key not in sections:
                continue
            rows.append((docs[i], sections[key], paras[i], starts[i], ends[i], " ".join(words[lo:i]), words[i],
                         " ".join(words[i + 1:hi + 1])))
        return context_table(rows)

    def query(self, sql: str, params: Sequence | None = None) -> pd.DataFrame:
        named = named_views(sql)
        words = set(re.findall(r"\w+", sql))  # column names may hold digits and any script
        every = _STAR.search(sql) is not None
        # only the tables the query names, with only the columns it names (a scan converts every column)
        used = {name: _arrow(frame, list(frame.columns) if every else
                             [c for c in frame.columns if c in words] or list(frame.columns[:1]))  # count(*)
                for name, frame in {**self.tables, "docs": self._documents}.items() if name in named}
        con = _database(small=sum(t.num_rows if isinstance(t, pa.Table) else len(t) for t in used.values())
                        < SMALL_QUERY_ROWS).cursor()  # its own registrations, on an empty in-memory database
        try:
            for name, table in used.items():
                con.register(name, table)
            return con.execute(sql, params or []).df()
        finally:
            con.close()

    def tokens_in_memory(self, *, max_tokens: int) -> pd.DataFrame:
        return self._get("tokens")

    def first_seen(self, column: str) -> list:
        for name in ("tokens", "paragraphs"):
            frame = self.tables.get(name)
            if frame is not None and column in frame.columns:
                return list(pd.unique(frame[column].dropna()))
        return list(pd.unique(self._documents[column].dropna()))

    def subset(self, doc_ids: Sequence[str]) -> FrameSource:
        wanted = list(doc_ids)
        tables = {name: frame[frame["doc_id"].isin(wanted)] for name, frame in self.tables.items()}
        return FrameSource(tables, self._documents[self._documents["doc_id"].isin(wanted)])
