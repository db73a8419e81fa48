"""Pairs of documents to compare, and each document of a series against its predecessor.

Pairs are chosen from the documents table: editions flagged by the loader first
(a column ``edition_of`` naming the ``doc_id`` of the edition a document
revises, when the loader provides it), else consecutive documents of the same
genre in date order (work reports, congress reports).  A series keeps the
calendar: a pair spanning several years has ``gap_years`` > 1, and figures
draw the missing years as gaps.

From a corpus on disk the documents of the pairs are read into memory a batch at a time
(:func:`helpers.revisions.reading.batches`: consecutive pairs up to
:data:`~helpers.revisions.reading.BATCH_CHARS` characters of text), so memory stays bounded
however long the series, and each batch is aligned exactly as in memory.
"""

from __future__ import annotations

from itertools import pairwise

import pandas as pd

from ..errors import ParameterError
from .alignment import align, align_texts, check_document
from .reading import batches
from .summary import counts

__all__ = ["PAIR_COLUMNS", "align_pairs", "carryover", "choose", "new_sentences", "pick"]

PAIR_COLUMNS = ["old", "new", "genre", "old_date", "new_date", "old_year", "new_year", "gap_years", "reason"]
_EDITION = "edition_of"


def choose(documents: pd.DataFrame, *, old: str | None = None, new: str | None = None) -> pd.DataFrame:
    """The pairs of documents to compare, oldest first.

    With ``old`` and ``new`` (``doc_id``s), that pair; with only one of them,
    that document and its predecessor (or successor) of the same genre.
    Otherwise editions flagged in a column ``edition_of`` (reason
    ``edition``), then consecutive works of each genre, later editions left out (reason
    ``consecutive``).  Documents are ordered by year, date and doc_id (a year
    stands in for a missing date).  Returns ``old, new, genre, old_date, new_date,
    old_year, new_year, gap_years, reason``; empty when there is nothing to compare.  An ``old`` or ``new``
    that is no ``doc_id``, or the same document twice, is a :class:`~helpers.errors.ParameterError`.
    """
    docs = documents.sort_values(["year", "date", "doc_id"], kind="stable", na_position="last").reset_index(drop=True)
    known = list(docs["doc_id"])
    for name, value in (("old_doc", old), ("new_doc", new)):
        if value is not None:
            check_document(name, value, known)
    if old is not None and old == new:
        raise ParameterError(f"old_doc and new_doc are both {old!r}: choose two different documents (a document "
                             "compared with itself has no revisions to show)")
    consecutive = _consecutive(docs)
    if old is not None and new is not None:
        rows = [(old, new, "chosen")]
    elif new is not None:
        rows = [(o, n, "chosen") for o, n, _ in consecutive if n == new]
    elif old is not None:
        rows = [(o, n, "chosen") for o, n, _ in consecutive if o == old]
    else:  # the editions, then the series of works: each work once (a later edition is no step of the series)
        rows = _editions(docs)
        works = docs[docs[_EDITION].fillna("").astype(str) == ""] if _EDITION in docs.columns else docs
        rows += _consecutive(works)
    return _pairs(docs, rows)


def _consecutive(docs: pd.DataFrame) -> list[tuple[str, str, str]]:
    rows = []
    for _, group in docs.groupby("genre", sort=False, dropna=False):
        ids = list(group["doc_id"])
        rows += [(a, b, "consecutive") for a, b in pairwise(ids)]
    return rows


def _editions(docs: pd.DataFrame) -> list[tuple[str, str, str]]:
    if _EDITION not in docs.columns:
        return []
    known = set(docs["doc_id"])
    flagged = docs[docs[_EDITION].notna() & docs[_EDITION].astype(str).isin(known)]
    return [(str(o), n, "edition") for o, n in zip(flagged[_EDITION], flagged["doc_id"], strict=True) if o != n]


def _pairs(docs: pd.DataFrame, rows) -> pd.DataFrame:
    info = docs.set_index("doc_id")
    out = pd.DataFrame(rows, columns=["old", "new", "reason"])
    out["genre"] = out["new"].map(info["genre"]).tolist() if "genre" in info else None  # dtype as inferred
    for side in ("old", "new"):
        out[f"{side}_date"] = out[side].map(info["date"]).astype(object)
        out[f"{side}_year"] = out[side].map(info["year"]).astype("Int64")
    out["gap_years"] = out["new_year"] - out["old_year"]
    out = out.sort_values(["new_year", "new"], kind="stable", na_position="last").reset_index(drop=True)
    return out[PAIR_COLUMNS]


def pick(pairs: pd.DataFrame) -> pd.DataFrame:
    """The pair shown in detail: a chosen pair, else the latest edition, else the latest of the longest series."""
    if pairs.empty:
        return pairs
    for reason in ("chosen", "edition"):
        if (pairs["reason"] == reason).any():
            return pairs[pairs["reason"] == reason].tail(1)
    longest = pairs["genre"].value_counts(sort=True, dropna=False).index[0]
    return pairs[pairs["genre"] == longest].tail(1)


def align_pairs(corpus, pairs: pd.DataFrame, **options) -> pd.DataFrame:
    """:func:`helpers.revisions.align` for every pair, one table with ``old_doc, new_doc`` first."""
    frames = [align(part, o, n, **options).assign(old_doc=o, new_doc=n)
              for part, some in batches(corpus, pairs) for o, n in zip(some["old"], some["new"], strict=True)]
    if not frames:
        empty = align_texts([], [])
        return empty.assign(old_doc=pd.Series(dtype=str), new_doc=pd.Series(dtype=str))[["old_doc", "new_doc",
                                                                                       *empty.columns]]
    out = pd.concat(frames, ignore_index=True)
    return out[["old_doc", "new_doc", *[c for c in out.columns if c not in ("old_doc", "new_doc")]]]


def carryover(corpus, pairs: pd.DataFrame, **options) -> pd.DataFrame:
    """What each newer document carried over from the older one of its pair.

    Returns ``old, new, genre, old_date, new_date, old_year, new_year, gap_years`` and,
    as shares of the newer document's characters, ``unchanged, changed,
    moved, added`` (summing to 1), ``carried`` (unchanged + changed + moved),
    and ``dropped`` as a share of the older document's characters.
    """
    rows = []
    for part, some in batches(corpus, pairs):
        for o, n in zip(some["old"], some["new"], strict=True):
            rows.append(_shares(part, o, n, options))
    shares = pd.DataFrame(rows, columns=["unchanged", "changed", "moved", "added", "dropped"])
    out = pd.concat([pairs.reset_index(drop=True).drop(columns="reason"), shares], axis=1)
    out["carried"] = out["unchanged"] + out["changed"] + out["moved"]
    return out[[*PAIR_COLUMNS[:-1], "unchanged", "changed", "moved", "added", "carried", "dropped"]]


def _shares(corpus, old: str, new: str, options: dict) -> dict:
    shares = counts(align(corpus, old, new, **options)).set_index("status")
    row = {s: shares.at[s, "new_share"] for s in ("unchanged", "changed", "moved", "added")}
    row["dropped"] = shares.at["dropped", "old_share"]
    return row


def new_sentences(aligned: pd.DataFrame) -> pd.DataFrame:
    """The added units of an alignment: ``new_para_no, new_sent_no, new_text, new_chars`` (plus pair columns)."""
    keep = [c for c in ("old_doc", "new_doc") if c in aligned.columns]
    added = aligned[aligned["status"] == "added"]
    return added[[*keep, "new_para_no", "new_sent_no", "new_text", "new_chars"]].reset_index(drop=True)
