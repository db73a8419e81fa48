"""Collocations: adjacent word pairs within sentences, scored by PMI and log-likelihood G²."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import engine
from ._common import _g2, _runs
from .pvalues import chi2_p
from .works import each_work_once

_COLUMNS = ["w1", "w2", "collocation", "count", "count_w1", "count_w2", "pmi", "g2", "p_value"]


def collocations(
    tokens: pd.DataFrame, *, min_count: int = 3, stopwords: bool = True, sort_by: str = "g2", corpus=None
) -> pd.DataFrame:
    """Adjacent word pairs within sentences, scored by PMI and log-likelihood.

    For a pair (w1, w2) seen ``count`` times among N adjacent pairs, with w1
    first in ``count_w1`` pairs and w2 second in ``count_w2`` pairs:

    * PMI = log2( count · N / (count_w1 · count_w2) ) (Church & Hanks 1990);
    * G² = 2 Σ O·ln(O/E) over the 2×2 table of (w1 first?, w2 second?)
      (Dunning 1993), with ``p_value`` from χ²(1).

    Returns ``w1, w2, collocation, count, count_w1, count_w2, pmi, g2, p_value``
    for pairs seen at least ``min_count`` times, sorted by ``sort_by``.  The pairs are
    counted chunk by chunk and summed (a document never spans two chunks).  Each work counts once: a later
    edition is left out (:func:`helpers.textstat.works.each_work_once`); a tokens DataFrame tells its editions
    when given with its ``corpus`` (a tokens dataset knows them).
    """
    source = each_work_once(engine.wrap(tokens, corpus=corpus))
    pairs = engine.summed((_pairs(chunk, stopwords=stopwords) for chunk in source.chunks("tokens")),
                          ["w1", "w2"], ["count"])
    return _scored(pairs, min_count=min_count, sort_by=sort_by)


def _pairs(tokens: pd.DataFrame, *, stopwords: bool) -> pd.DataFrame:
    """``w1, w2, count``: each adjacent pair of words within a run (see ``_runs``) and how often it occurs."""
    runs = _runs(tokens, stopwords=stopwords)
    nxt = runs["token"].shift(-1)
    valid = (runs["run"].shift(-1) == runs["run"]) & ~runs["blocked"] & ~runs["blocked"].shift(-1, fill_value=True)
    pairs = pd.DataFrame({"w1": runs.loc[valid, "token"], "w2": nxt[valid]})
    return pairs.value_counts().rename("count").reset_index()


def _scored(table: pd.DataFrame, *, min_count: int, sort_by: str) -> pd.DataFrame:
    n = int(table["count"].sum())
    if n == 0:
        return pd.DataFrame(columns=_COLUMNS)
    table = table.assign(count_w1=table["w1"].map(table.groupby("w1")["count"].sum()),
                         count_w2=table["w2"].map(table.groupby("w2")["count"].sum()))
    table = table[table["count"] >= min_count].copy()
    o11 = table["count"].to_numpy(float)
    o12 = table["count_w1"].to_numpy(float) - o11
    o21 = table["count_w2"].to_numpy(float) - o11
    o22 = n - o11 - o12 - o21
    table["pmi"] = np.log2(o11 * n / (table["count_w1"] * table["count_w2"]))
    table["g2"] = _g2(o11, o12, o21, o22)
    table["p_value"] = chi2_p(table["g2"])
    table["collocation"] = table["w1"] + table["w2"]
    table = table.sort_values([sort_by, "count", "collocation"], ascending=[False, False, True])
    return table[_COLUMNS].reset_index(drop=True)
