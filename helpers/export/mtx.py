"""The document-feature matrix as Matrix Market (``dfm.mtx``) with its column and row names in two CSV files.

Matrix Market is the plain-text sparse format that SciPy (``scipy.io.mmread``), R (``Matrix::readMM``), Julia and
MATLAB read: one line per non-zero count, rows and columns numbered from 1.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from scipy.sparse import coo_matrix

from ..outputs import atomic_path, save_table

__all__ = ["write_mtx"]


def write_mtx(dfm, folder: Path, features: pd.DataFrame, docvars: pd.DataFrame) -> pd.DataFrame:
    """Write ``dfm.mtx`` (documents × features, integer counts), ``features.csv`` (``features``: one row per
    column, in order) and ``docvars.csv`` (``docvars``: one row per row, in order, ``docname`` first), the CSVs
    UTF-8 with BOM as every table of the workspace.  Returns ``format, path, rows, columns`` of the three files."""
    path = Path(folder) / "dfm.mtx"
    comment = "documents x features; row names: docvars.csv (docname), column names: features.csv (feature)"
    with atomic_path(path) as tmp, open(tmp, "wb") as file:
        import scipy.io  # only when a matrix is written

        scipy.io.mmwrite(file, coo_matrix(dfm.matrix), comment=comment, field="integer")
    features_path = save_table(features, "features", folder)
    docvars_path = save_table(docvars, "docvars", folder)
    return pd.DataFrame({"format": "mtx", "path": [str(path), str(features_path), str(docvars_path)],
                         "rows": [dfm.matrix.shape[0], len(features), len(docvars)],
                         "columns": [dfm.matrix.shape[1], features.shape[1], docvars.shape[1]]})
