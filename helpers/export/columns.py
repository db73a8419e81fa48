"""The columns every export shares: the features table, the top features, and docvars as plain values.

R, Stata and Excel take numbers, true/false and text, not pandas' nullable or date types: :func:`plain_docvars`
turns each docvars column into one of those, so every format receives the same values.
"""

from __future__ import annotations

import numbers

import numpy as np
import pandas as pd

from ..validate import check_int

__all__ = ["DEFAULT_TOP_N", "feature_table", "plain_docvars", "top_features"]

# columns of the Stata file and the Excel matrix sheet: the most frequent features, so both stay small enough to
# open in Stata/BE (2,048 variables) and to scroll in Excel; every feature is in the .mtx and the .rds
DEFAULT_TOP_N = 1000


def top_features(dfm, top_n: int) -> np.ndarray:
    """The column numbers of the ``top_n`` features of ``dfm`` with the highest total count, most frequent first;
    ties keep the matrix's (sorted) feature order."""
    top_n = check_int("top_n", top_n, min_value=1)
    totals = np.asarray(dfm.matrix.sum(axis=0)).ravel()
    return np.argsort(-totals, kind="stable")[:top_n]


def feature_table(dfm, top: np.ndarray, stata_names: list[str]) -> pd.DataFrame:
    """One row per feature in the matrix's column order: ``feature, column`` (1-based, as in the .mtx and in R),
    ``count`` (total), ``docfreq`` (documents with the feature), ``rank`` (by count, 1 = most frequent; empty
    beyond the top features) and ``stata_name`` (the feature's variable in the .dta and its column in the Excel
    matrix sheet; empty beyond the top features)."""
    n = len(dfm.features)
    matrix = dfm.matrix.tocsc()
    rank = pd.array([pd.NA] * n, dtype="Int64")
    names = np.array([""] * n, dtype=object)
    rank[top] = np.arange(1, len(top) + 1)
    names[top] = stata_names
    return pd.DataFrame({"feature": list(dfm.features), "column": np.arange(1, n + 1),
                         "count": np.asarray(matrix.sum(axis=0)).ravel().astype(np.int64),
                         "docfreq": np.asarray((matrix > 0).sum(axis=0)).ravel().astype(np.int64),
                         "rank": rank, "stata_name": names})


def plain_docvars(dfm) -> pd.DataFrame:
    """``docname`` (the matrix's row names) and each docvars column as plain values: whole numbers as ``Int64``
    (missing kept missing), other numbers as float, true/false as ``boolean``, everything else (dates included)
    as text (ISO dates), missing as None.  A docvars column called ``docname`` is replaced by the row names."""
    table = {"docname": pd.Series(list(dfm.docnames), dtype=object)}
    for name, column in dfm.docvars.reset_index(drop=True).items():
        if str(name) != "docname":
            table[str(name)] = _plain(column)
    return pd.DataFrame(table)


def _plain(column: pd.Series) -> pd.Series:
    """One docvars column as Int64, float64, boolean or text (object of str and None)."""
    if pd.api.types.is_bool_dtype(column.dtype):
        return column.astype("boolean")
    if pd.api.types.is_integer_dtype(column.dtype):
        return column.astype("Int64")
    if pd.api.types.is_float_dtype(column.dtype):
        return column.astype(np.float64)
    values = column.tolist()
    present = [v for v in values if not _missing(v)]
    if present and all(isinstance(v, bool | np.bool_) for v in present):
        return pd.Series([None if _missing(v) else bool(v) for v in values], dtype="boolean")
    if present and all(isinstance(v, numbers.Integral) and not isinstance(v, bool | np.bool_) for v in present):
        return pd.Series([None if _missing(v) else int(v) for v in values], dtype="Int64")
    return pd.Series([None if _missing(v) else _text(v) for v in values], dtype=object)


def _missing(value) -> bool:
    return value is None or (not isinstance(value, str | bytes | list | tuple | dict) and bool(pd.isna(value)))


def _text(value) -> str:
    if hasattr(value, "isoformat"):  # dates and timestamps: ISO 8601, as the corpus writes them
        return value.isoformat()
    return str(value)
