"""Term frequencies: a frequency table overall or by group, and plain counts for keyness.

Rates are per 10,000 word tokens (``per_10k``), counted over all words but
punctuation, symbols and digits, stopwords included.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from .. import engine
from ._common import _as_list


def frequency(
    tokens: pd.DataFrame,
    *,
    by: str | Sequence[str] | None = None,
    stopwords: bool = True,
    pos: Sequence[str] | None = None,
    min_length: int = 1,
    min_count: int = 1,
    terms: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Term frequencies, overall or by group (``by``: one column or several).

    Returns one row per term (and group) with the columns ``[by…], term,
    count, per_10k, docfreq, parafreq, rank``: ``per_10k`` is the count per
    10,000 word tokens of the group (all tokens but punctuation, symbols and
    digits, stopwords included, so rates do not move with the stopword list);
    ``docfreq`` and ``parafreq`` count the documents and paragraphs the term
    occurs in; ``rank`` is 1 for the most frequent term (ties share a rank).
    Sorted by group, then count (largest first), then term.  ``terms``
    keeps only those terms (ranks are still computed over all terms).
    """
    keys = _as_list(by)
    table = engine.wrap(tokens).term_counts(keys, stopwords=stopwords, pos=pos, min_length=min_length)
    table["per_10k"] = table["count"] / table["total"] * 10_000
    table = table[table["count"] >= min_count]
    table = table.sort_values([*keys, "count", "term"], ascending=[True] * len(keys) + [False, True])
    table["rank"] = (table.groupby(keys, observed=True, dropna=False)["count"] if keys else table["count"]).rank(
        method="min", ascending=False).astype(int)
    if terms is not None:
        table = table[table["term"].isin(list(terms))]
    return table[[*keys, "term", "count", "per_10k", "docfreq", "parafreq", "rank"]].reset_index(drop=True)


def counts(tokens: pd.DataFrame, *, stopwords: bool = True, pos: Sequence[str] | None = None,
           min_length: int = 1, min_count: int = 1) -> pd.Series:
    """Word counts of a tokens table, the input of :func:`helpers.textstat.keyness`.

    Returns a Series named ``count`` indexed by ``term`` (not a DataFrame), counting the tokens of
    :func:`helpers.textstat.select` (punctuation and digits never counted) seen at least ``min_count`` times.
    """
    return engine.wrap(tokens).counts(stopwords=stopwords, pos=pos, min_length=min_length, min_count=min_count)
