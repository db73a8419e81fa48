"""The document-feature matrix as a Stata dataset (``dfm.dta``, format 118: Stata 14 and later, Unicode).

One observation per document: ``docname``, the docvars, then the top features by total count as variables
``f0001``, ``f0002`` … (most frequent first).  Stata variable names are at most 32 ASCII letters, digits and
underscores, so a Chinese feature cannot name its variable: each feature's text is the variable's label
(``describe`` and ``pandas.read_stata(..., iterator=True).variable_labels()`` show it), and ``features.csv``
lists the same mapping (``stata_name``).  Docvars with names Stata refuses are renamed the same way (their
original name becomes the label).
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import ParameterError
from ..outputs import atomic_path

__all__ = ["MAX_VARIABLES", "stata_feature_names", "write_dta"]

MAX_VARIABLES = 32_767  # Stata/MP and SE; Stata/BE opens at most 2,048
MAX_LABEL = 80  # characters of a variable label in format 118
MAX_STR = 2045  # bytes of a fixed-width string variable; longer text is written as a strL
RESERVED = {"_all", "_b", "byte", "_coef", "_cons", "double", "float", "if", "in", "int", "long", "_n", "_N",
            "_pi", "_pred", "_rc", "_skip", "strL", "using", "with"}
VALID = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,31}")


def stata_feature_names(n: int) -> list[str]:
    """``f0001`` … for ``n`` features (at least four digits, more when ``n`` needs them)."""
    width = max(4, len(str(n)))
    return [f"f{k:0{width}d}" for k in range(1, n + 1)]


def write_dta(dfm, folder: Path, top: np.ndarray, names: list[str], docvars: pd.DataFrame) -> pd.DataFrame:
    """Write ``dfm.dta``: ``docvars`` (``docname`` first) and the columns ``top`` of the matrix as ``names``
    (labelled with the feature).  Labels longer than 80 characters are cut there (Stata's limit).
    Returns ``format, path, rows, columns``."""
    if len(top) + docvars.shape[1] > MAX_VARIABLES:
        raise ParameterError(f"top_n={len(top)}: with {docvars.shape[1]} docvars the Stata file would have more "
                             f"than {MAX_VARIABLES:,} variables (Stata's limit); choose a smaller top_n")
    renamed = _docvar_names(list(docvars.columns), set(names))
    table = {}
    labels = {}
    for (original, column), name in zip(docvars.items(), renamed, strict=True):
        table[name] = _stata_column(column)
        if name != original:
            labels[name] = str(original)
    counts = dfm.matrix[:, top].toarray()
    dtype = np.int32 if counts.size == 0 or counts.max() <= 2_147_483_620 else np.float64  # Stata long's top
    for k, name in enumerate(names):
        table[name] = counts[:, k].astype(dtype)
        labels[name] = dfm.features[top[k]]
    frame = pd.DataFrame(table)
    labels = {name: label[:MAX_LABEL] for name, label in labels.items()}
    strl = [name for name, column in frame.items() if column.dtype == object
            and any(len(v.encode("utf-8")) > MAX_STR for v in column if isinstance(v, str))]
    path = Path(folder) / "dfm.dta"
    with atomic_path(path) as tmp:
        frame.to_stata(tmp, write_index=False, version=118, variable_labels=labels, convert_strl=strl,
                       data_label="document-feature matrix: documents x top features (labels: the features)")
    return pd.DataFrame({"format": ["dta"], "path": [str(path)], "rows": [frame.shape[0]],
                         "columns": [frame.shape[1]]})


def _docvar_names(columns: list[str], taken: set[str]) -> list[str]:
    """A valid, unique Stata name for each docvars column: kept when valid, else ``v_`` + its ASCII letters,
    digits and underscores (or its position), cut to 32 characters, numbered when taken."""
    used = set(taken)
    names = []
    for k, column in enumerate(columns, start=1):
        name = str(column)
        if not VALID.fullmatch(name) or name in RESERVED or name in used:
            stem = re.sub(r"[^A-Za-z0-9_]", "", name) or str(k)
            name = f"v_{stem}"[:32]
            n = 1
            while name in used or name in RESERVED:
                n += 1
                name = f"v_{stem}"[:32 - len(str(n)) - 1] + f"_{n}"
        used.add(name)
        names.append(name)
    return names


def _stata_column(column: pd.Series) -> pd.Series:
    """A plain docvars column as Stata stores it: true/false as 0/1 bytes, whole numbers as long or double
    (missing as Stata's missing), text as text (missing as empty)."""
    if isinstance(column.dtype, pd.BooleanDtype):
        return column.astype("Float64").to_numpy(np.float64, na_value=np.nan) if column.isna().any() \
            else column.astype(np.int8)
    if isinstance(column.dtype, pd.Int64Dtype):
        values = column.dropna()
        if column.isna().any() or (len(values) and values.abs().max() > 2_147_483_620):
            return pd.Series(column.astype("Float64").to_numpy(np.float64, na_value=np.nan))
        return column.astype(np.int32)
    if column.dtype == object:
        return pd.Series(["" if v is None else v for v in column], dtype=object)
    return column
