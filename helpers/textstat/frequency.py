"""Term frequencies: a frequency table overall or by group, and plain counts for keyness.

Rates are per 10,000 word tokens (``per_10k``), counted over all words but
punctuation, symbols and digits, stopwords included.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ._common import _as_list, _counted, _distinct_per_key, _words
from .prepare import select


def _engine():
    from . import engine

    return engine


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
    if _engine().is_dataset(tokens):  # a tokens dataset on disk: computed by DuckDB
        return _engine().frequency(_engine().as_dataset(tokens), by=by, stopwords=stopwords, pos=pos,
                                   min_length=min_length, min_count=min_count, terms=terms)
    keys = _as_list(by)
    missing = [g for g in keys if g not in tokens.columns]
    if missing:
        raise KeyError(
            f"the tokens table has no column {missing[0]!r}; add it with "
            f"textstat.annotate(tokens, corpus, {missing!r})"
        )
    # Everything is counted on integer codes: term, group, document and paragraph.
    term_codes, term_values = pd.factorize(tokens["token"])
    if keys:
        grouped = tokens.groupby(keys, sort=True, observed=True, dropna=False)
        group_codes = grouped.ngroup().to_numpy()
        group_values = grouped.size().index.to_frame(index=False)
    else:
        group_codes = np.zeros(len(tokens), dtype=np.int64)
        group_values = pd.DataFrame(index=[0])
    doc_codes = pd.factorize(tokens["doc_id"])[0]
    para_codes = doc_codes.astype(np.int64) * (int(tokens["para_no"].max()) + 1 if len(tokens) else 1) + \
        tokens["para_no"].to_numpy(dtype=np.int64)
    words = _words(tokens)
    totals = np.bincount(group_codes[words], minlength=len(group_values))
    keep = select(tokens, stopwords=stopwords, pos=pos, min_length=min_length)
    key = group_codes[keep].astype(np.int64) * len(term_values) + term_codes[keep]
    unique_keys, count = _counted(key)
    _, docfreq = _distinct_per_key(key, doc_codes[keep])
    _, parafreq = _distinct_per_key(key, para_codes[keep])
    group_of, term_of = np.divmod(unique_keys, len(term_values)) if len(term_values) else (unique_keys, unique_keys)
    table = group_values.iloc[group_of].reset_index(drop=True) if keys else pd.DataFrame(index=range(len(count)))
    table["term"] = pd.Series(np.asarray(term_values, dtype=object)[term_of], dtype=tokens["token"].dtype)
    table["count"] = count
    table["per_10k"] = count / totals[group_of] * 10_000
    table["docfreq"] = docfreq
    table["parafreq"] = parafreq
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
    if _engine().is_dataset(tokens):
        return _engine().counts(_engine().as_dataset(tokens), stopwords=stopwords, pos=pos, min_length=min_length,
                                min_count=min_count)
    keep = select(tokens, stopwords=stopwords, pos=pos, min_length=min_length)
    out = tokens.loc[keep, "token"].value_counts().rename("count").rename_axis("term")
    return out[out >= min_count]
