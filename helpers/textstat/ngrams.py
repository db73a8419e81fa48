"""N-grams: contiguous runs of word tokens within a sentence, counted."""

from __future__ import annotations

import pandas as pd

from .. import engine
from ._common import _runs


def ngrams(tokens: pd.DataFrame, *, n: int = 2, min_count: int = 2, stopwords: bool = True) -> pd.DataFrame:
    """Contiguous n-grams of word tokens within a sentence (punctuation breaks them).

    Returns ``ngram, count, docfreq`` sorted by count; ``ngram`` joins the words
    with a space.  With ``stopwords=True`` n-grams containing a stopword are left out.  Counted chunk by chunk
    (a document never spans two chunks) and summed.
    """
    parts = (_ngrams(chunk, n=n, stopwords=stopwords) for chunk in engine.wrap(tokens).chunks("tokens"))
    out = engine.summed(parts, ["ngram"], ["count", "docfreq"])
    out = out[out["count"] >= min_count]
    return out.sort_values(["count", "ngram"], ascending=[False, True]).reset_index(drop=True)


def _ngrams(tokens: pd.DataFrame, *, n: int, stopwords: bool) -> pd.DataFrame:
    """``ngram, count, docfreq`` of one chunk of whole documents."""
    runs = _runs(tokens, stopwords=stopwords)
    parts = [runs["token"].shift(-k) for k in range(n)]
    same = pd.Series(True, index=runs.index)
    blocked = runs["blocked"].copy()
    for k in range(1, n):
        same &= runs["run"].shift(-k) == runs["run"]
        blocked |= runs["blocked"].shift(-k, fill_value=True)
    valid = same & ~blocked
    grams = parts[0][valid]
    for part in parts[1:]:
        grams = grams + " " + part[valid]
    table = pd.DataFrame({"ngram": grams, "doc_id": runs.loc[valid, "doc_id"]})
    return table.groupby("ngram").agg(count=("doc_id", "size"), docfreq=("doc_id", "nunique")).reset_index()
