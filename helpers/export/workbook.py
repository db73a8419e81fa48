"""Tables as sheets of one Excel workbook (``.xlsx``, openpyxl), within Excel's limits.

A sheet holds at most 1,048,576 rows and 16,384 columns (Excel's limits; a table beyond them is refused with
its name), a cell at most 32,767 characters (longer text is cut there, with a warning), and no control
characters (removed).  Sheet names are at most 31 characters, without ``\\ / * ? : [ ]``, not starting or ending
with an apostrophe, and unique regardless of case (Excel's rules); :func:`sheet_names` makes them so.
"""

from __future__ import annotations

import math
import re
import warnings
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import ParameterError
from ..outputs import atomic_path, stable_zip

__all__ = ["MAX_CELL", "MAX_COLUMNS", "MAX_ROWS", "MAX_SHEET_NAME", "sheet_names", "write_workbook"]

MAX_ROWS = 1_048_576
MAX_COLUMNS = 16_384
MAX_CELL = 32_767
MAX_SHEET_NAME = 31
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
FORBIDDEN = re.compile(r"[\\/*?:\[\]]")
RESERVED = {"history"}  # Excel keeps this sheet name for itself


def sheet_names(names: Sequence[str], *, taken: Sequence[str] = ()) -> list[str]:
    """A valid sheet name for each of ``names``, in order: forbidden characters as ``_``, cut to 31 characters,
    apostrophes at the ends dropped, and ``~2``, ``~3`` … at the end of one that repeats an earlier name or
    one of ``taken`` (compared regardless of case, as Excel does)."""
    used = {t.casefold() for t in taken} | RESERVED
    out = []
    for name in names:
        stem = FORBIDDEN.sub("_", CONTROL.sub("", str(name))).strip("'") or "sheet"
        candidate = stem[:MAX_SHEET_NAME].strip("'") or "sheet"
        n = 1
        while candidate.casefold() in used:
            n += 1
            suffix = f"~{n}"
            candidate = stem[:MAX_SHEET_NAME - len(suffix)].rstrip("'") + suffix
        used.add(candidate.casefold())
        out.append(candidate)
    return out


def write_workbook(path: Path, sheets: dict[str, pd.DataFrame]) -> Path:
    """Write each table of ``sheets`` (sheet name → table, names already valid) as a sheet of ``path``, the
    header in the first row, missing values as empty cells."""
    for name, table in sheets.items():
        if len(table) + 1 > MAX_ROWS or table.shape[1] > MAX_COLUMNS:
            raise ParameterError(f"sheet {name!r} would have {len(table) + 1:,} rows and {table.shape[1]:,} "
                                 f"columns; Excel holds at most {MAX_ROWS:,} rows and {MAX_COLUMNS:,} columns")
    from openpyxl import Workbook  # imported only when a workbook is written (the runner imports this module)

    book = Workbook(write_only=True)
    for name, table in sheets.items():
        sheet = book.create_sheet(title=name)
        sheet.append([_cell(c, name) for c in table.columns])
        for row in table.itertuples(index=False, name=None):
            sheet.append([_cell(v, name) for v in row])
    with atomic_path(Path(path)) as tmp:
        book.save(tmp)
        stable_zip(tmp)  # the same tables, the same bytes
    return Path(path)


def _cell(value, sheet: str):
    """A value as openpyxl writes it: Python numbers, booleans and text; missing as None."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, int | np.integer):
        return int(value)
    if isinstance(value, float | np.floating):
        return None if math.isnan(value) else float(value)
    text = CONTROL.sub("", value.isoformat() if hasattr(value, "isoformat") else str(value))
    if len(text) > MAX_CELL:
        warnings.warn(f"sheet {sheet!r}: a text of {len(text):,} characters was cut to {MAX_CELL:,} "
                      "(the most an Excel cell holds)", UserWarning, stacklevel=4)
        text = text[:MAX_CELL]
    return text
