"""Periods of a corpus: which documents each embedding is trained on.

``periods`` is given in one of three ways (:func:`assign`):

* a whole number ``n`` (default 4): ``n`` runs of whole years holding about the same number of tokens each;
* a list of cut years ``[1978, 1992]``: each cut year opens a period (…–1977, 1978–1991, 1992–…);
* a mapping ``{"改革开放前": (1949, 1977), …}``: label → (first year, last year), both included; ranges may not
  overlap, and documents outside every range are left out (named in a warning).

Labels of the first two are the years the documents span (``1954–1977``).  Documents without a year cannot be
placed: they are named in a :class:`~helpers.errors.CorpusWarning` and left out.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from itertools import pairwise

import numpy as np
import pandas as pd

from ..errors import CorpusWarning, ParameterError
from ..validate import check_int, check_nonempty

__all__ = ["assign", "dated", "label"]


def label(first: int, last: int) -> str:
    """``1954–1977``, or ``1954`` for a period of one year."""
    return str(first) if first == last else f"{first}–{last}"


def _named(doc_ids: Sequence[str], limit: int = 10) -> str:
    shown = ", ".join(map(str, doc_ids[:limit]))
    return shown + (f" … ({len(doc_ids)} in all)" if len(doc_ids) > limit else "")


def dated(documents: pd.DataFrame) -> pd.DataFrame:
    """``doc_id, year`` (int64) of the documents that have a year; those without are named in a warning."""
    if "year" not in documents.columns:
        raise ParameterError("by='period' needs each document's year, but the documents table has no column "
                             "'year': give the corpus (corpus=) the tokens were segmented from, or a metadata.csv "
                             "with dates")
    years = pd.to_numeric(documents["year"], errors="coerce")
    missing = documents.loc[years.isna(), "doc_id"].astype(str).tolist()
    if missing:
        warnings.warn(f"{len(missing)} document(s) without a year left out of the periods: {_named(missing)}",
                      CorpusWarning, stacklevel=3)
    return pd.DataFrame({"doc_id": documents.loc[years.notna(), "doc_id"].to_numpy(),
                         "year": years[years.notna()].astype("int64").to_numpy()})


def assign(years: pd.DataFrame, periods, *, sizes: pd.Series | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``(documents, table)``: ``doc_id, year, period`` of every document placed in a period, and
    ``period, first_year, last_year`` of each period in time order.  ``years``: :func:`dated`; ``sizes``: tokens
    per ``doc_id`` (what ``n`` equal periods balance; one per document if None)."""
    if isinstance(periods, Mapping):
        bounds = _from_mapping(periods)
    elif isinstance(periods, Sequence) and not isinstance(periods, str):
        bounds = _from_cuts(years, periods)
    else:
        n = check_int("periods", periods, min_value=1)
        if years.empty:  # no document has a year (each named by dated): no period
            return years.assign(period=pd.Series([], dtype=object)), pd.DataFrame(
                {"period": pd.Series([], dtype=object), "first_year": pd.Series([], dtype="int64"),
                 "last_year": pd.Series([], dtype="int64")})
        weights = years["doc_id"].map(sizes).fillna(0) if sizes is not None else pd.Series(1.0, index=years.index)
        bounds = _equal(years.assign(weight=weights.to_numpy(np.float64)), n)
    table = pd.DataFrame(bounds, columns=["period", "first_year", "last_year"])
    placed = years.assign(period=None)
    for row in table.itertuples(index=False):
        inside = placed["year"].between(row.first_year, row.last_year)
        placed.loc[inside, "period"] = row.period
    outside = placed.loc[placed["period"].isna(), "doc_id"].astype(str).tolist()
    if outside:
        warnings.warn(f"{len(outside)} document(s) in no period left out: {_named(outside)}", CorpusWarning,
                      stacklevel=3)
    return placed[placed["period"].notna()].reset_index(drop=True), table


def _from_mapping(periods: Mapping) -> list[tuple[str, int, int]]:
    check_nonempty("periods", periods)
    bounds = []
    for name, span in periods.items():
        if not isinstance(span, Sequence) or isinstance(span, str) or len(span) != 2:
            raise ParameterError(f"periods[{name!r}]={span!r} must be a pair (first_year, last_year)")
        first = check_int(f"periods[{name!r}] first year", span[0])
        last = check_int(f"periods[{name!r}] last year", span[1], min_value=first)
        bounds.append((str(name), first, last))
    bounds.sort(key=lambda b: (b[1], b[2]))
    for (a, _, a_last), (b, b_first, _) in pairwise(bounds):
        if b_first <= a_last:
            raise ParameterError(f"periods {a!r} and {b!r} overlap (a year may belong to one period only)")
    if len({b[0] for b in bounds}) < len(bounds):
        raise ParameterError("periods: two periods have the same label")
    return bounds


def _from_cuts(years: pd.DataFrame, cuts: Sequence) -> list[tuple[str, int, int]]:
    values = [check_int("periods (a cut year)", c) for c in cuts]
    check_nonempty("periods", values)
    if values != sorted(set(values)):
        raise ParameterError(f"periods={list(cuts)!r}: cut years must be distinct and in increasing order")
    if years.empty:
        return []
    low, high = int(years["year"].min()), int(years["year"].max())
    edges = [low, *[c for c in values if low < c <= high], high + 1]
    return [(label(a, b - 1), a, b - 1) for a, b in pairwise(edges)]


def _equal(years: pd.DataFrame, n: int) -> list[tuple[str, int, int]]:
    """Runs of whole years, each closing once it holds about 1/n of the tokens."""
    per_year = years.groupby("year")["weight"].sum().sort_index()
    total = float(per_year.sum()) or 1.0
    before = per_year.cumsum().shift(fill_value=0.0) / total
    # a year joins the period in which its first token falls
    group = np.minimum((before.to_numpy() * n + 1e-9).astype(int), n - 1)
    spans = pd.Series(per_year.index.to_numpy(), index=per_year.index).groupby(group).agg(["min", "max"])
    return [(label(int(a), int(b)), int(a), int(b)) for a, b in spans.itertuples(index=False)]
