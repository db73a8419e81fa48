"""The analysis tables as a partitioned Parquet tokens dataset on disk: :class:`DiskSource`, queried by DuckDB.

Counts by document columns (``year``, ``genre`` …) come from the per-document counts (``docterms``) summed
when the dataset was built; counts by paragraph columns (``section``) from the tokens; the whole corpus' term
table from ``terms``.  Only aggregates come back into memory.  Chunks are read one file at a time (a document
never spans two chunks).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

import pandas as pd
import pyarrow.dataset as pads

from .. import memory
from ..corpus.store import CorpusStore, named_views
from ..errors import ColumnError
from ..tokens.dataset import TokenDataset
from .base import PARAGRAPH_COLUMNS, Source, string_contexts
from .disk_kwic import token_contexts

__all__ = ["DiskSource"]

_GROUP_PARAGRAPH_COLUMNS = (*PARAGRAPH_COLUMNS, "para_no")


def _filters(alias: str, *, stopwords: bool, pos: Sequence[str] | None, min_length: int) -> tuple[str, list]:
    where, params = ["TRUE"], []
    if stopwords:
        where.append(f"NOT {alias}.is_stop")
    if pos is not None:
        where.append(f"{alias}.pos IN (SELECT unnest(?::VARCHAR[]))")
        params.append(list(pos))
    if min_length > 1:
        where.append(f"length({alias}.token) >= {int(min_length)}")
    return " AND ".join(where), params


class DiskSource(Source):
    """A :class:`~helpers.tokens.dataset.TokenDataset` (and its selection of documents and annotations), or the
    :class:`~helpers.corpus.store.CorpusStore` of a corpus not segmented yet (its tables without tokens)."""

    def __init__(self, data: TokenDataset | CorpusStore) -> None:
        self.data = data

    def _tokens(self) -> TokenDataset:
        if not isinstance(self.data, TokenDataset):
            raise TypeError("this corpus on disk has no tokens yet: segment it first, "
                            "words = tokens.segment(corpus.paragraphs), and pass the words")
        return self.data

    def __repr__(self) -> str:
        return f"DiskSource({self.data!r})"

    @property
    def documents(self) -> pd.DataFrame:
        return self.data.documents

    @property
    def columns(self) -> list[str]:
        return ["doc_id", "para_no", "sent_no", "token_no", "token", "pos", "start", "end", "is_stop",
                *getattr(self.data, "columns", ())]

    def sections(self) -> list[str]:
        return list(self.data.sections())

    def table(self, name: str, columns: Sequence[str] | None = None, *,
              doc_ids: Sequence[str] | None = None) -> pd.DataFrame:
        data = self.data if doc_ids is None else self.data.subset(doc_id=list(doc_ids))
        if name == "tokens":
            self._tokens()
            frame = data.to_pandas()
            return frame if columns is None else frame[list(columns)]
        return data.table(name, list(columns) if columns is not None else None)

    def chunks(self, name: str = "tokens", columns: Sequence[str] | None = None, *,
               annotate: Sequence[str] = ()) -> Iterator[pd.DataFrame]:
        para_cols = [c for c in annotate if c in PARAGRAPH_COLUMNS]
        doc_cols = [c for c in annotate if c not in para_cols and c != "doc_id"]
        paragraphs = self.data.table("paragraphs", ["doc_id", "para_no", *para_cols]) if para_cols else None
        documents = self.data.documents[["doc_id", *doc_cols]] if doc_cols else None
        for chunk in self.data.chunks(name, list(columns) if columns is not None else None):
            if paragraphs is not None:
                chunk = chunk.merge(paragraphs, on=["doc_id", "para_no"], how="left")
            if documents is not None:
                chunk = chunk.merge(documents, on="doc_id", how="left")
            yield chunk
            del chunk
            # what the caller freed of this chunk goes back to the system: a pass over 750 chunks (979 M
            # characters) otherwise grows by what each leaves scattered in the heap (themes.drivers: 1.1 GB)
            memory.release()

    def _check_keys(self, keys: list[str]) -> None:
        allowed = {"doc_id", "para_no", *self._tokens().columns}
        missing = [k for k in keys if k not in allowed]
        if missing:
            raise ColumnError(f"by={missing[0]!r}: the tokens table has no column {missing[0]!r}; add it with "
                           f"textstat.annotate(tokens, corpus, {missing!r})")

    def _group_types(self, table: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
        """Group columns with the dtypes of the in-memory tables (section ordered, year Int64 …)."""
        docs = self.data.documents if any(k not in ("section", "para_no", "date") for k in keys) else None
        for key in keys:
            if key == "section":
                table[key] = pd.Categorical(table[key], categories=self.data.sections(), ordered=True)
            elif key == "para_no":
                table[key] = table[key].astype("int64")
            elif key == "date":  # Python dates or None, as in Corpus.documents
                table[key] = pd.Series([None if pd.isna(d) else getattr(d, "date", lambda d=d: d)()
                                        for d in table[key]], index=table.index, dtype=object)
            elif docs is not None and key in docs.columns:
                table[key] = table[key].astype(docs[key].dtype)
        return table

    def term_counts(self, keys: Sequence[str], *, stopwords: bool, pos: Sequence[str] | None,
                    min_length: int, terms: Sequence[str] | None = None) -> pd.DataFrame:
        keys = list(keys)
        self._check_keys(keys)
        where, params = _filters("t", stopwords=stopwords, pos=pos, min_length=min_length)
        if terms is not None:
            where += " AND t.token IN (SELECT unnest(?::VARCHAR[]))"
            params.append(list(terms))
        paragraph_level = any(k in _GROUP_PARAGRAPH_COLUMNS for k in keys)
        groups = ", ".join(f"{'p' if k in _GROUP_PARAGRAPH_COLUMNS else 'd'}.{k}" for k in keys)
        select = f"{groups}, " if keys else ""
        group_by = f"GROUP BY {groups}{', ' if keys else ''}"
        if paragraph_level:
            sql = (f"SELECT {select}t.token AS term, count(*)::BIGINT AS count, "
                   "count(DISTINCT t.doc_id)::BIGINT AS docfreq, "
                   "count(DISTINCT (t.doc_id, t.para_no))::BIGINT AS parafreq "
                   "FROM tokens t JOIN docs d USING (doc_id) JOIN paragraphs p USING (doc_id, para_no) "
                   f"SEMI JOIN (SELECT token FROM vocab WHERE is_word) v USING (token) WHERE {where} {group_by}t.token")
            totals = self._totals_sql(keys)
        elif not keys and terms is None and (not self.data.where or self.data.works):
            # the whole corpus, or each of its works once: the term table the build wrote for it
            table = "works" if self.data.where else "terms"
            sql = (f"SELECT t.token AS term, t.n AS count, t.docs AS docfreq, t.paras AS parafreq FROM {table} t "
                   f"WHERE {where}")
            totals = self._totals_sql(keys)
        else:
            own = set(keys) <= {"doc_id"} and not self.data.where  # per document of the whole dataset: no join
            if own:
                select, group_by = select.replace("d.doc_id", "t.doc_id"), group_by.replace("d.doc_id", "t.doc_id")
            sql = (f"SELECT {select}t.token AS term, sum(t.n)::BIGINT AS count, count(*)::BIGINT AS docfreq, "
                   f"sum(t.paras)::BIGINT AS parafreq FROM docterms t {'' if own else 'JOIN docs d USING (doc_id) '}"
                   f"WHERE {where} {group_by}t.token")
            totals = self._totals_sql(keys)
        con = self.data.connect(only=named_views(sql + (totals if paragraph_level else "")))
        try:
            table = self._group_types(con.execute(sql, params).df(), keys)
            # the word tokens per group: by paragraph columns summed by SQL, by document columns from the
            # documents table in memory
            total = (self._group_types(con.execute(totals).df(), keys) if paragraph_level
                     else self.word_counts(keys))
        finally:
            con.close()
        if keys:
            table = table.merge(total, on=keys, how="left")
        else:
            table["total"] = int(total["total"].iloc[0]) if len(total) and pd.notna(total["total"].iloc[0]) else 0
        table["term"] = table["term"].astype("str")
        return table

    @staticmethod
    def _totals_sql(keys: list[str]) -> str:
        groups = ", ".join(f"{'p' if k in _GROUP_PARAGRAPH_COLUMNS else 'd'}.{k}" for k in keys)
        select = f"{groups}, " if keys else ""
        if any(k in _GROUP_PARAGRAPH_COLUMNS for k in keys):
            return (f"SELECT {select}sum(p.n_words)::BIGINT AS total FROM paragraphs p JOIN docs d USING (doc_id) "
                    f"GROUP BY {groups}")
        return f"SELECT {select}sum(d.n_words)::BIGINT AS total FROM docs d {'GROUP BY ' + groups if keys else ''}"

    def text_counts(self, terms: Sequence[str], keys: Sequence[str]) -> pd.DataFrame:
        keys = list(keys)
        unknown = [k for k in keys if k not in _GROUP_PARAGRAPH_COLUMNS and k not in self.documents.columns]
        if unknown:
            raise ColumnError(f"by={unknown[0]!r}: no paragraph or document column {unknown[0]!r}")
        columns = ", ".join(f"{'p' if k in _GROUP_PARAGRAPH_COLUMNS else 'd'}.{k} AS {k}" for k in keys
                            if k != "doc_id")
        groups = "".join(f"{k}, " for k in keys)
        # occurrences of a string: the characters replace() removes, over its length (non-overlapping, as str.count)
        table = self.data.query(
            f"SELECT {groups}term, sum(n)::BIGINT AS count, count(DISTINCT doc_id)::BIGINT AS docfreq, "
            "count(*)::BIGINT AS parafreq FROM (SELECT p.doc_id AS doc_id, "
            f"{columns + ', ' if columns else ''}t.term AS term, "
            "(length(p.text) - length(replace(p.text, t.term, ''))) // length(t.term) AS n "
            "FROM paragraphs p JOIN docs d USING (doc_id) "
            "CROSS JOIN (SELECT unnest(?::VARCHAR[]) AS term) t WHERE t.term <> '' AND contains(p.text, t.term)) "
            f"GROUP BY {groups}term", [list(dict.fromkeys(terms))])
        return self._group_types(table, keys)

    def word_counts(self, keys: Sequence[str]) -> pd.DataFrame:
        keys = list(keys)
        self._check_keys([k for k in keys if k not in PARAGRAPH_COLUMNS])  # paragraph columns are always joined
        if not any(k in _GROUP_PARAGRAPH_COLUMNS for k in keys):  # from the documents table, in memory
            docs = self._tokens().documents
            return (docs.groupby(keys, sort=False, observed=True, dropna=False)["n_words"].sum().rename("total")
                    .reset_index()) if keys else pd.DataFrame({"total": [int(docs["n_words"].sum())]})
        return self._group_types(self.data.query(self._totals_sql(keys)), keys)

    def counts(self, *, stopwords: bool, pos: Sequence[str] | None, min_length: int,
               min_count: int) -> pd.Series:
        where, params = _filters("t", stopwords=stopwords, pos=pos, min_length=min_length)
        if self.data.where and not self.data.works:
            sql = ("SELECT t.token AS term, sum(t.n)::BIGINT AS count FROM docterms t JOIN docs d USING (doc_id) "
                   f"WHERE {where} GROUP BY t.token HAVING sum(t.n) >= {int(min_count)}")
        else:  # the whole corpus, or each of its works once: the term table the build wrote for it
            table = "works" if self.data.where else "terms"
            sql = f"SELECT t.token AS term, t.n AS count FROM {table} t WHERE {where} AND t.n >= {int(min_count)}"
        out = self.data.query(sql, params)
        out = out.astype({"term": "str"}).sort_values(["count", "term"], ascending=[False, True])
        return out.set_index("term")["count"]

    def annotate(self, corpus, columns: Sequence[str]) -> TokenDataset:
        return self._tokens().annotate(columns)

    def string_contexts(self, pattern: re.Pattern, width: int, *, literal: str | None = None) -> pd.DataFrame:
        if literal is not None:
            found = self.data.query("SELECT p.doc_id, p.section, p.para_no, p.text FROM paragraphs p "
                                    "JOIN docs d USING (doc_id) WHERE contains(p.text, ?)", [literal])
        else:  # Python's regular expressions, not DuckDB's (RE2): the paragraphs streamed in batches
            chosen = set(self.data.documents["doc_id"])
            parts = []
            source = pads.dataset(str(self.data.folder("paragraphs")), format="parquet")
            for batch in source.to_batches(columns=["doc_id", "section", "para_no", "text"]):
                frame = batch.to_pandas()
                keep = frame["doc_id"].isin(chosen) & frame["text"].map(lambda t: pattern.search(t) is not None)
                parts.append(frame[keep])
            found = (pd.concat(parts, ignore_index=True) if parts
                     else pd.DataFrame(columns=["doc_id", "section", "para_no", "text"]))
        found = self.order(found.sort_values("para_no", kind="stable"))
        return string_contexts(zip(*(found[c].tolist() for c in ("doc_id", "section", "para_no", "text")),
                                   strict=True), pattern, width)

    def token_contexts(self, query: str, width: int, paragraphs: Source) -> pd.DataFrame:
        table = token_contexts(self._tokens(), query, width)
        table = self.order(table.sort_values("token_no", kind="stable")).drop(columns="token_no")
        return table.astype({"para_no": "int64", "start": "int64", "end": "int64"})

    def query(self, sql: str, params: Sequence | None = None) -> pd.DataFrame:
        return self.data.query(sql, params)

    def tokens_in_memory(self, *, max_tokens: int) -> pd.DataFrame:
        data = self.data
        size = len(data)
        if size > max_tokens:
            raise ValueError(f"{size:,} tokens are too many to read into memory (max_tokens={max_tokens:,}): pick "
                             "some documents with data.subset(doc_id=[...]) or run on corpus.sample(...)")
        out = data.to_pandas()
        documents = data.documents
        para_cols = [c for c in data.columns if c not in documents.columns]
        doc_cols = [c for c in data.columns if c in documents.columns and c != "doc_id"]
        if para_cols:
            out = out.merge(data.table("paragraphs", ["doc_id", "para_no", *para_cols]), on=["doc_id", "para_no"],
                            how="left")
        if doc_cols:
            out = out.merge(documents[["doc_id", *doc_cols]], on="doc_id", how="left")
        return out

    def first_seen(self, column: str) -> list:
        if column in PARAGRAPH_COLUMNS:
            values = self.data.table("paragraphs", ["doc_id", "para_no", column])[column]
        else:
            values = self.data.documents[column]
        return list(dict.fromkeys(values.dropna()))

    def subset(self, doc_ids: Sequence[str]) -> DiskSource:
        return DiskSource(self.data.subset(doc_id=list(doc_ids)))

    def each_work_once(self, first_editions: Sequence[str]) -> DiskSource:
        if not isinstance(self.data, TokenDataset):
            return self.subset(first_editions)
        return DiskSource(self.data.each_work_once(list(first_editions)))
