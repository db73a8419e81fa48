"""The document-feature matrix as an R data file (``dfm.rds``), written with the ``rdata`` package.

``readRDS("dfm.rds")`` gives a named list: ``i`` (0-based row of each non-zero count, column by column), ``p``
(where each column starts in ``i``), ``x`` (the counts), ``Dim`` (documents, features), ``Dimnames`` (docnames,
features) and ``docvars`` (a data.frame, row names the docnames).  These are the slots of the Matrix package's
``dgCMatrix``: ``Matrix::sparseMatrix(i = r$i, p = r$p, x = r$x, dims = r$Dim, dimnames = r$Dimnames,
index1 = FALSE)`` builds it.  The file does not hold the S4 ``dgCMatrix`` object itself: ``rdata`` 1.1 writes
vectors, lists, factors and data frames but no S4 object, and a hand-assembled S4 record could not be checked
against R here.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import ParameterError
from ..outputs import atomic_path

__all__ = ["write_rds"]

INT_MAX = 2**31 - 1  # R's integers are 32-bit: the largest i, p and Dim it can hold


def write_rds(dfm, folder: Path, docvars: pd.DataFrame) -> pd.DataFrame:
    """Write ``dfm.rds`` (see the module docstring; serialisation format 3, read by R 3.5 or later; text in
    UTF-8; gzip-compressed as by R's ``saveRDS``).
    Returns ``format, path, rows, columns``."""
    matrix = dfm.matrix.tocsc()
    matrix.sort_indices()
    if matrix.nnz > INT_MAX or max(matrix.shape) > INT_MAX:
        raise ParameterError(f"formats='rds': the matrix has {matrix.nnz:,} non-zero counts, more than R's sparse "
                             f"matrix holds ({INT_MAX:,}); write 'mtx' instead, or trim the features")
    frame = _r_frame(docvars, list(dfm.docnames))
    data = {"i": matrix.indices.astype(np.int32), "p": matrix.indptr.astype(np.int32),
            "x": matrix.data.astype(np.float64), "Dim": np.array(matrix.shape, dtype=np.int32),
            "Dimnames": [np.array(list(dfm.docnames), dtype=object), np.array(list(dfm.features), dtype=object)],
            "docvars": frame}
    path = Path(folder) / "dfm.rds"
    with atomic_path(path) as tmp:
        import rdata  # with xarray, about 0.1 s to import: only when an .rds file is written

        rdata.write_rds(tmp, data, compression="gzip", encoding="utf-8")
    return pd.DataFrame({"format": ["rds"], "path": [str(path)], "rows": [matrix.shape[0]],
                         "columns": [matrix.shape[1]]})


def _r_frame(docvars: pd.DataFrame, docnames: list[str]) -> pd.DataFrame:
    """``docvars`` with columns rdata writes as R vectors: whole numbers as R integers (NA kept) when they fit,
    else doubles; the docnames as row names."""
    columns = {}
    for name, column in docvars.items():
        if isinstance(column.dtype, pd.Int64Dtype):
            fits = column.dropna().abs().max() <= INT_MAX if column.notna().any() else True
            column = column.astype("Int32") if fits else column.astype("Float64").to_numpy(np.float64,
                                                                                            na_value=np.nan)
        columns[name] = column
    return pd.DataFrame(columns).set_axis(pd.Index(docnames, dtype=object))
