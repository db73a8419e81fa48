"""What every storage of the analysis tables offers the verbs: :class:`Source`.

Each operation returns ordinary DataFrames (aggregates, a selection, one chunk of whole documents), the same
table whichever storage computed it; the verbs compute their statistics on those.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence

import numpy as np
import pandas as pd

__all__ = ["CONTEXT_COLUMNS", "PARAGRAPH_COLUMNS", "Source", "context_table", "string_contexts", "texts_counted"]

# the paragraph columns a tokens table may be grouped by (joined from the paragraphs table)
PARAGRAPH_COLUMNS = ("section", "heading_level", "heading_1", "heading_2", "is_salutation")
# the columns of a keyword-in-context table
CONTEXT_COLUMNS = ["doc_id", "section", "para_no", "start", "end", "left", "match", "right"]
_OFFSETS = {"para_no": "int64", "start": "int64", "end": "int64"}


def string_contexts(paragraphs: Iterator[tuple], pattern: re.Pattern, width: int) -> pd.DataFrame:
    """Every non-empty match of ``pattern`` in the texts of ``paragraphs`` (``(doc_id, section, para_no, text)``
    tuples, in corpus order), with ``width`` characters of context on each side: :data:`CONTEXT_COLUMNS`."""
    rows = []
    for doc_id, section, para_no, text in paragraphs:
        for m in pattern.finditer(text):
            if m.end() > m.start():
                rows.append((doc_id, section, para_no, m.start(), m.end(), text[max(0, m.start() - width):m.start()],
                             m.group(), text[m.end():m.end() + width]))
    return context_table(rows)


def context_table(rows: list[tuple]) -> pd.DataFrame:
    """A keyword-in-context table (:data:`CONTEXT_COLUMNS`) of ``rows``; ``para_no, start, end`` are int64."""
    if not rows:
        return pd.DataFrame(columns=CONTEXT_COLUMNS).astype(_OFFSETS)
    columns = dict(zip(CONTEXT_COLUMNS, map(list, zip(*rows, strict=True)), strict=True))
    return pd.DataFrame({name: np.asarray(values, dtype=_OFFSETS[name]) if name in _OFFSETS else values
                         for name, values in columns.items()})


def texts_counted(texts: pd.DataFrame, terms: Sequence[str], keys: Sequence[str]) -> pd.DataFrame:
    """:meth:`Source.text_counts` of ``texts`` (one row per paragraph: ``doc_id, para_no, [keys…], text``)."""
    keys = list(keys)
    text = texts["text"].tolist()
    parts = []
    for term in dict.fromkeys(terms):
        n = np.fromiter((t.count(term) for t in text), dtype=np.int64, count=len(text)) if term else \
            np.zeros(len(text), dtype=np.int64)
        hit = n > 0
        if hit.any():
            parts.append(texts.loc[hit, ["doc_id", "para_no", *[k for k in keys if k not in ("doc_id", "para_no")]]]
                         .assign(term=term, count=n[hit]))
    if not parts:
        return pd.DataFrame({**{k: [] for k in keys}, "term": pd.Series([], dtype=object),
                             "count": pd.Series([], dtype="int64"), "docfreq": pd.Series([], dtype="int64"),
                             "parafreq": pd.Series([], dtype="int64")})
    found = pd.concat(parts, ignore_index=True)
    grouped = found.groupby([*keys, "term"], sort=False, observed=True, dropna=False)
    return grouped.agg(count=("count", "sum"), docfreq=("doc_id", "nunique"),
                       parafreq=("para_no", "size")).reset_index()


class Source(ABC):
    """The tables of a corpus (tokens, paragraphs, sentences, documents …) wherever they are stored."""

    @property
    @abstractmethod
    def documents(self) -> pd.DataFrame:
        """The documents table (of the selected documents), in corpus order; empty if the source has none."""

    @property
    @abstractmethod
    def columns(self) -> list[str]:
        """The columns of the tokens (or paragraphs) a verb may group by."""

    @abstractmethod
    def sections(self) -> list[str]:
        """Section labels in reading order."""

    @abstractmethod
    def table(self, name: str, columns: Sequence[str] | None = None, *,
              doc_ids: Sequence[str] | None = None) -> pd.DataFrame:
        """One table (``tokens``, ``paragraphs``, ``sentences`` …) in memory, in corpus order: ``columns`` of it
        (all if None), of the documents ``doc_ids`` (all selected if None)."""

    @abstractmethod
    def chunks(self, name: str = "tokens", columns: Sequence[str] | None = None, *,
               annotate: Sequence[str] = ()) -> Iterator[pd.DataFrame]:
        """A table in pieces of whole documents (in memory: one piece), with the paragraph or document columns
        ``annotate`` joined on; ``columns`` picks the table's own columns (all if None)."""

    @abstractmethod
    def term_counts(self, keys: Sequence[str], *, stopwords: bool, pos: Sequence[str] | None,
                    min_length: int, terms: Sequence[str] | None = None) -> pd.DataFrame:
        """Per group of ``keys`` and term of the content tokens (:func:`~helpers.engine.masks.content_mask`),
        only ``terms`` if given: ``[keys…], term, count, docfreq, parafreq, total`` with ``total`` the group's
        word tokens (the ``per_10k`` denominator).  Group columns keep the types of the documents and
        paragraphs tables."""

    @abstractmethod
    def text_counts(self, terms: Sequence[str], keys: Sequence[str]) -> pd.DataFrame:
        """Per group of ``keys`` and string of ``terms``: its occurrences in the cleaned paragraph texts, however
        the text was segmented (non-overlapping, as ``str.count``; inside longer tokens and across token
        boundaries too): ``[keys…], term, count, docfreq, parafreq``, only terms that occur."""

    @abstractmethod
    def word_counts(self, keys: Sequence[str]) -> pd.DataFrame:
        """``[keys…], total``: the word tokens (all but punctuation, symbols and digits) of each group."""

    @abstractmethod
    def counts(self, *, stopwords: bool, pos: Sequence[str] | None, min_length: int,
               min_count: int) -> pd.Series:
        """``count`` indexed by ``term``, largest first (ties in no set order: sort by term if it matters)."""

    @abstractmethod
    def annotate(self, corpus, columns: Sequence[str]):
        """The tokens with paragraph or document ``columns`` available to group by, in the storage they came in
        (a DataFrame with the columns joined on, or a dataset that joins them when it counts)."""

    @abstractmethod
    def string_contexts(self, pattern: re.Pattern, width: int, *, literal: str | None = None) -> pd.DataFrame:
        """Every non-empty match of ``pattern`` in the paragraph texts, with ``width`` characters of context on each
        side (:func:`string_contexts`), in corpus order.  ``literal``: the string ``pattern`` matches, when it is
        one (a storage may then find the paragraphs that hold it by a faster test)."""

    @abstractmethod
    def token_contexts(self, query: str, width: int, paragraphs: Source) -> pd.DataFrame:
        """Every token equal to ``query`` in a paragraph of ``paragraphs``, with ``width`` tokens of context on
        each side from the same paragraph: :data:`CONTEXT_COLUMNS`."""

    @abstractmethod
    def query(self, sql: str, params: Sequence | None = None) -> pd.DataFrame:
        """A DuckDB query over the views ``tokens, paragraphs, sentences, docs`` (the selected documents)."""

    @abstractmethod
    def tokens_in_memory(self, *, max_tokens: int) -> pd.DataFrame:
        """The tokens table with its annotated columns (paragraph columns, then document columns), in memory;
        raises ValueError beyond ``max_tokens`` tokens."""

    @abstractmethod
    def first_seen(self, column: str) -> list:
        """The values of a paragraph or document ``column`` in the order they first occur in the text."""

    @abstractmethod
    def subset(self, doc_ids: Sequence[str]) -> Source:
        """The same storage, restricted to the documents ``doc_ids``."""

    def each_work_once(self, first_editions: Sequence[str]) -> Source:
        """The same storage restricted to its ``first_editions`` (doc_ids): :meth:`subset`, which a storage may
        serve from tables made for it (a tokens dataset's term table of each work once)."""
        return self.subset(first_editions)

    def order(self, frame: pd.DataFrame, column: str = "doc_id") -> pd.DataFrame:
        """Rows of ``frame`` in the corpus' document order (stable within a document)."""
        documents = self.documents
        if documents.empty:
            return frame.reset_index(drop=True)
        rank = pd.Series(np.arange(len(documents)), index=documents["doc_id"].to_numpy())
        at = frame[column].map(rank).to_numpy()
        return frame.iloc[pd.Series(at).argsort(kind="stable").to_numpy()].reset_index(drop=True)
