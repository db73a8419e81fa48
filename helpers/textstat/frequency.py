"""Term frequencies: a frequency table overall or by group, and plain counts for keyness.

Rates are per 10,000 word tokens (``per_10k``), counted over all words but
punctuation, symbols and digits, stopwords included.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from .. import engine
from ._common import _as_list
from .works import each_work_once


def frequency(
    tokens: pd.DataFrame,
    *,
    by: str | Sequence[str] | None = None,
    stopwords: bool = True,
    pos: Sequence[str] | None = None,
    min_length: int = 1,
    min_count: int = 1,
    terms: Sequence[str] | None = None,
    corpus=None,
) -> pd.DataFrame:
    """Term frequencies, overall or by group (``by``: one column or several).

    Returns one row per term (and group) with the columns ``[by…], term,
    count, per_10k, docfreq, parafreq, rank``: ``per_10k`` is the count per
    10,000 word tokens of the group (all tokens but punctuation, symbols and
    digits, stopwords included, so rates do not move with the stopword list);
    ``docfreq`` and ``parafreq`` count the documents and paragraphs the term
    occurs in; ``rank`` is 1 for the most frequent term (ties share a rank).
    Sorted by group, then count (largest first), then term.  ``terms``
    keeps only those terms (ranks are still computed over all terms) and adds ``counted_as``: ``token`` for a
    term the segmenter keeps whole, ``text`` for one it never does (国家安全 is 国家 + 安全), counted by its
    occurrences in the cleaned text (:meth:`~helpers.engine.Source.text_counts`) with the rank its count would
    have among the tokens, so no term that occurs is missing.  Unless ``by`` holds ``doc_id``, each work counts
    once: a later edition is left out (:func:`helpers.textstat.works.each_work_once`); a tokens DataFrame tells
    its editions when given with its ``corpus`` (a tokens dataset knows them).
    """
    keys = _as_list(by)
    source = engine.wrap(tokens, corpus=corpus)
    if "doc_id" not in keys:
        source = each_work_once(source)
    table = source.term_counts(keys, stopwords=stopwords, pos=pos, min_length=min_length)
    table["per_10k"] = table["count"] / table["total"] * 10_000
    table = table[table["count"] >= min_count]
    table = table.sort_values([*keys, "count", "term"], ascending=[True] * len(keys) + [False, True])
    table["rank"] = (table.groupby(keys, observed=True, dropna=False)["count"] if keys else table["count"]).rank(
        method="min", ascending=False).astype(int)
    columns = [*keys, "term", "count", "per_10k", "docfreq", "parafreq", "rank"]
    if terms is None:
        return table[columns].reset_index(drop=True)
    terms = list(dict.fromkeys(terms))
    found = table[table["term"].isin(terms)].assign(counted_as="token")
    whole = set(table["term"]) | set(source.term_counts([], stopwords=False, pos=None, min_length=1,
                                                          terms=terms)["term"])
    split = [t for t in terms if t not in whole]
    if split:
        in_text = _in_text(source, table, split, keys)
        found = pd.concat([found, in_text[in_text["count"] >= min_count]], ignore_index=True)
        found = found.sort_values([*keys, "count", "term"], ascending=[True] * len(keys) + [False, True])
    return found[[*columns, "counted_as"]].reset_index(drop=True)


def _in_text(source, table: pd.DataFrame, terms: list[str], keys: list[str]) -> pd.DataFrame:
    """:func:`frequency`'s rows of ``terms`` counted in the text, ranked among the tokens of ``table``."""
    out = source.text_counts(terms, keys)
    totals = source.word_counts(keys)
    out = out.merge(totals, on=keys, how="left") if keys else out.assign(total=int(totals["total"].iloc[0]))
    out["per_10k"] = out["count"] / out["total"] * 10_000
    above = [int((part["count"] > n).sum()) for n, part in
             ((row["count"], table if not keys else table.merge(pd.DataFrame([row[keys]]), on=keys))
              for _, row in out.iterrows())]
    return out.assign(rank=[a + 1 for a in above], counted_as="text")


def counts(tokens: pd.DataFrame, *, stopwords: bool = True, pos: Sequence[str] | None = None,
           min_length: int = 1, min_count: int = 1) -> pd.Series:
    """Word counts of a tokens table, the input of :func:`helpers.textstat.keyness`.

    Returns a Series named ``count`` indexed by ``term`` (not a DataFrame), counting the tokens of
    :func:`helpers.textstat.select` (punctuation and digits never counted) seen at least ``min_count`` times.
    """
    return engine.wrap(tokens).counts(stopwords=stopwords, pos=pos, min_length=min_length, min_count=min_count)
