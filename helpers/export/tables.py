"""``export.tables``: every result table of a report run (the CSV beside each figure) in one Excel workbook.

A sheet per table, named for its figure; figure names longer than Excel's 31 characters are cut (numbered
``~2`` … where two cuts meet), so the first sheet, ``contents``, gives each sheet's full figure name.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from ..errors import CorpusError, ParameterError
from .workbook import sheet_names, write_workbook

__all__ = ["CONTENTS", "tables"]

CONTENTS = "contents"


def tables(folder: Path | str, *, out: Path | str | None = None) -> pd.DataFrame:
    """Write every ``*.csv`` of ``folder`` (a report run's figures folder), in name order, as a sheet of the
    workbook ``out`` (default ``<folder>/tables.xlsx``), after a first sheet ``contents`` (``sheet, figure,
    file, rows, columns``).  Returns that contents table.  A CSV that cannot be read raises
    :class:`CorpusError` naming the file (and line, where the reader tells it)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise ParameterError(f"folder={str(folder)!r} is not a folder; give the figures folder of a report run")
    files = sorted(folder.glob("*.csv"))
    if not files:
        raise ParameterError(f"folder={str(folder)!r} holds no result table (*.csv); give the figures folder of "
                             "a report run")
    out = folder / "tables.xlsx" if out is None else Path(out)
    if out.suffix.lower() != ".xlsx":
        raise ParameterError(f"out={str(out)!r} must name an .xlsx workbook")
    read = {file: _read(file) for file in files}
    names = sheet_names([file.stem for file in files], taken=[CONTENTS])
    contents = pd.DataFrame({"sheet": names, "figure": [file.stem for file in files],
                             "file": [file.name for file in files],
                             "rows": [len(table) for table in read.values()],
                             "columns": [table.shape[1] for table in read.values()]})
    write_workbook(out, {CONTENTS: contents, **dict(zip(names, read.values(), strict=True))})
    return contents


def _read(file: Path) -> pd.DataFrame:
    """One result table as written by :func:`helpers.outputs.save_table` (UTF-8 with BOM)."""
    try:
        return pd.read_csv(file, encoding="utf-8-sig", keep_default_na=False, na_values=[""])
    except pd.errors.EmptyDataError:
        return pd.DataFrame()
    except (pd.errors.ParserError, UnicodeDecodeError, ValueError) as error:
        line = re.search(r"line (\d+)", str(error))
        where = f", line {line.group(1)}" if line else ""
        raise CorpusError(f"{file}{where}: not a readable CSV table ({str(error).strip()})") from None
