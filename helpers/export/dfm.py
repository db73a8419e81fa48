"""``export.dfm``: a document-feature matrix written for R, Stata, Excel and any Matrix Market reader."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from ..errors import ParameterError
from ..validate import check_choice, check_nonempty
from .columns import DEFAULT_TOP_N, feature_table, plain_docvars, top_features
from .excel import write_xlsx
from .mtx import write_mtx
from .rds import write_rds
from .stata import stata_feature_names, write_dta

__all__ = ["FORMATS", "dfm"]

FORMATS = ("mtx", "rds", "dta", "xlsx")


def dfm(matrix, folder: Path | str, *, formats: Sequence[str] = FORMATS, top_n: int = DEFAULT_TOP_N) -> pd.DataFrame:
    """Write the document-feature matrix ``matrix`` (:func:`helpers.textmodel.dfm`) into ``folder`` (created if
    missing; nothing is written elsewhere, each file atomically) in each of ``formats``:

    - ``"mtx"``: ``dfm.mtx`` (Matrix Market, every feature), ``features.csv`` and ``docvars.csv``
      (:mod:`helpers.export.mtx`);
    - ``"rds"``: ``dfm.rds``, a list R's ``readRDS`` opens with the slots of a sparse ``dgCMatrix`` (``i, p, x,
      Dim, Dimnames``, every feature) and a ``docvars`` data.frame, not the S4 object itself
      (:mod:`helpers.export.rds`);
    - ``"dta"``: ``dfm.dta`` (Stata 14+, format 118), documents × the ``top_n`` most frequent features as
      variables ``f0001`` … labelled with the Chinese feature, plus the docvars (:mod:`helpers.export.stata`);
    - ``"xlsx"``: ``dfm.xlsx`` with sheets ``matrix`` (the ``top_n`` features, at most 16,383: Excel's 16,384
      columns less the docnames), ``features`` and ``docvars`` (:mod:`helpers.export.excel`).

    ``top_n`` (default :data:`~helpers.export.columns.DEFAULT_TOP_N`, 1,000; all features if fewer) applies to
    the Stata file and the Excel matrix sheet only.  The features table (``feature, column, count, docfreq,
    rank, stata_name``) and the docvars (``docname`` first, dates as ISO text) are the same in every format.
    Returns the files written: ``format, path, rows, columns``.
    """
    formats = [formats] if isinstance(formats, str) else list(formats)
    check_nonempty("formats", formats)
    for fmt in formats:
        check_choice("formats", fmt, FORMATS)
    if not hasattr(matrix, "matrix") or not hasattr(matrix, "features"):
        raise ParameterError(f"matrix must be a document-feature matrix (helpers.textmodel.dfm), not "
                             f"{type(matrix).__name__}")
    top = top_features(matrix, top_n)
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise ParameterError(f"folder={str(folder)!r} is a file; give a folder to write the export into")
    folder.mkdir(parents=True, exist_ok=True)
    names = stata_feature_names(len(top))
    features = feature_table(matrix, top, names)
    docvars = plain_docvars(matrix)
    written = []
    for fmt in dict.fromkeys(formats):
        if fmt == "mtx":
            written.append(write_mtx(matrix, folder, features, docvars))
        elif fmt == "rds":
            written.append(write_rds(matrix, folder, docvars))
        elif fmt == "dta":
            written.append(write_dta(matrix, folder, top, names, docvars))
        else:
            written.append(write_xlsx(matrix, folder, top, features, docvars))
    return pd.concat(written, ignore_index=True)
