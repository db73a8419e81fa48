"""Dispersion: where terms, or the hits of a KWIC table, lie along each document.

Positions are character offsets in the document body (paragraphs laid end to
end) and the same as shares of the body length (0 = start, 1 = end).
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from .kwic import kwic


def dispersion(
    paragraphs: pd.DataFrame, terms: Sequence[str], *, tokens: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Where each term occurs along each document.

    Returns ``doc_id, term, section, para_no, offset, position``: ``offset`` is
    the character offset in the document body (paragraphs laid end to end) and
    ``position`` the same as a share of the body length (0 = start, 1 = end).
    String mode by default; token mode with ``tokens``.
    """
    rows = [positions(kwic(paragraphs, term, tokens=tokens, window=0), paragraphs).assign(term=term)
            for term in terms]
    rows = [r for r in rows if not r.empty]
    if not rows:
        return pd.DataFrame(columns=["doc_id", "term", "section", "para_no", "offset", "position"])
    return pd.concat(rows, ignore_index=True)


def positions(hits: pd.DataFrame, paragraphs: pd.DataFrame) -> pd.DataFrame:
    """Where the hits of a :func:`kwic` table lie along their documents.

    ``paragraphs`` are all paragraphs of the documents (positions are shares of
    the whole body).  Returns ``doc_id, term, section, para_no, offset,
    position`` with ``term`` the matched text, ``offset`` the character offset
    in the body (paragraphs laid end to end) and ``position`` that offset as a
    share of the body length (0 = start, 1 = end).
    """
    base = paragraphs[["doc_id", "para_no", "n_chars"]]
    base = base.assign(doc_start=base.groupby("doc_id")["n_chars"].cumsum() - base["n_chars"])
    length = base.groupby("doc_id")["n_chars"].sum()
    out = hits.merge(base[["doc_id", "para_no", "doc_start"]], on=["doc_id", "para_no"])
    out["term"] = out["match"]
    out["offset"] = out["doc_start"] + out["start"]
    out["position"] = out["offset"] / out["doc_id"].map(length)
    return out[["doc_id", "term", "section", "para_no", "offset", "position"]].reset_index(drop=True)
