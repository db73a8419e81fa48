"""The document-feature matrix as one Excel workbook (``dfm.xlsx``): sheets ``matrix``, ``features``, ``docvars``.

``matrix`` has one row per document (``docname`` first) and one column per top feature, most frequent first,
headed by the feature itself: Excel allows 16,384 columns, so at most 16,383 features fit beside the docnames
(the ``.mtx`` and ``.rds`` hold them all).  ``features`` lists every feature (its count, document frequency,
rank and Stata name); ``docvars`` the documents' variables.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import ParameterError
from .workbook import MAX_COLUMNS, write_workbook

__all__ = ["MAX_FEATURES", "write_xlsx"]

MAX_FEATURES = MAX_COLUMNS - 1  # Excel's columns less the docname column


def write_xlsx(dfm, folder: Path, top: np.ndarray, features: pd.DataFrame, docvars: pd.DataFrame) -> pd.DataFrame:
    """Write ``dfm.xlsx`` (see the module docstring).  Returns ``format, path, rows, columns`` of the matrix
    sheet."""
    if len(top) > MAX_FEATURES:
        raise ParameterError(f"top_n={len(top)}: Excel's sheets have {MAX_COLUMNS:,} columns, so the matrix sheet "
                             f"holds at most {MAX_FEATURES:,} features beside the docnames; choose a smaller top_n")
    counts = pd.DataFrame(dfm.matrix[:, top].toarray(), columns=[dfm.features[j] for j in top])
    matrix = pd.concat([pd.DataFrame({"docname": list(dfm.docnames)}), counts], axis=1)
    path = write_workbook(Path(folder) / "dfm.xlsx", {"matrix": matrix, "features": features, "docvars": docvars})
    return pd.DataFrame({"format": ["xlsx"], "path": [str(path)], "rows": [matrix.shape[0]],
                         "columns": [matrix.shape[1]]})
