"""Where and when a term's hits fall: per document and per year, as rates of the characters searched.

The concordance explorer shows, under its hits, the term's distribution in the documents
(:func:`term_distribution`) and its trend by year (:func:`term_trend`).  Both take a KWIC table
(:func:`helpers.explore.kwic`) and the corpus searched, and count characters as the report page does: the
sum of the paragraphs' ``n_chars`` of each document, so a rate here equals the page's.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from .. import engine, textstat

__all__ = ["SHORT_TITLE", "short_title", "term_distribution", "term_trend"]

SHORT_TITLE = 24  # characters of a title shown beside a document's bar (longer ones end in "…")


def short_title(title: object, *, limit: int = SHORT_TITLE) -> str:
    """``title`` in at most ``limit`` characters, cut between words with "…" (:func:`helpers.textstat.short_title`,
    the one rule for shortened labels); a missing title is ``""``."""
    if title is None or (isinstance(title, float) and pd.isna(title)):
        return ""
    return textstat.short_title(str(title).strip(), limit)


def term_distribution(hits: pd.DataFrame, corpus, *, documents: Sequence[str] | None = None) -> pd.DataFrame:
    """The hits of one query per document of ``corpus`` (only ``documents``, doc_ids, if given), zero included.

    ``hits`` is a KWIC table (``doc_id`` per hit).  Returns ``doc_id, title, year, hits, n_chars,
    per_10k_chars`` in corpus order: ``title`` shortened to :data:`SHORT_TITLE` characters, ``year`` Int64
    (missing where unknown), ``n_chars`` the characters of the document's paragraphs and ``per_10k_chars``
    the hits per 10,000 of them (0 for a document without text).
    """
    source = engine.wrap(corpus)
    docs = source.documents
    if documents is not None:
        docs = docs[docs["doc_id"].isin(list(documents))]
    chars = source.table("paragraphs", ["doc_id", "n_chars"]).groupby("doc_id")["n_chars"].sum()
    found = hits["doc_id"].value_counts()
    ids = docs["doc_id"]
    titles = docs["title"] if "title" in docs.columns else pd.Series("", index=docs.index)
    table = pd.DataFrame({
        "doc_id": ids.to_numpy(),
        "title": [short_title(t) for t in titles],
        "year": textstat.document_years(docs).to_numpy(),
        "hits": found.reindex(ids, fill_value=0).to_numpy().astype("int64"),
        "n_chars": chars.reindex(ids, fill_value=0).to_numpy().astype("int64"),
    })
    table["per_10k_chars"] = (table["hits"] / table["n_chars"].where(table["n_chars"] > 0) * 10_000).fillna(0.0)
    return table


def term_trend(hits: pd.DataFrame, corpus, *, documents: Sequence[str] | None = None) -> pd.DataFrame:
    """The hits of one query per year that has documents (those of unknown year left out), in year order.

    Returns ``year, documents, hits, n_chars, per_10k_chars``: the documents of the year, their hits, their
    characters and the hits per 10,000 characters of the year's documents pooled (every document searched
    counts, later editions too).  A year without documents has no row: it is not a zero.
    """
    table = term_distribution(hits, corpus, documents=documents).dropna(subset=["year"])
    years = table.groupby("year").agg(documents=("doc_id", "size"), hits=("hits", "sum"),
                                      n_chars=("n_chars", "sum")).reset_index()
    years["year"] = years["year"].astype("int64")
    years["per_10k_chars"] = (years["hits"] / years["n_chars"].where(years["n_chars"] > 0) * 10_000).fillna(0.0)
    return years.sort_values("year", kind="stable").reset_index(drop=True)
