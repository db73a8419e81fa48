"""What a report kernel displays besides the usual: the full data of each table, the title of each figure.

The report runner's kernels call :func:`install` at start (see
:mod:`.execute`).  It adds two display formats that only the report page reads
(JupyterLab ignores them): :data:`TABLE_MIME`, every row of a DataFrame (up to
:data:`MAX_ROWS` rows and :data:`MAX_TABLE_BYTES` of JSON, so a table of a large corpus keeps a report
readable) with its column types, so the page can sort, search, paginate and offer the CSV; and
:data:`FIGURE_MIME`, the title of a matplotlib figure, for the alt text of its image.  pandas' own HTML output is
left as it is.
"""

from __future__ import annotations

import datetime
import json
import warnings

import pandas as pd

from ..memory import release

TABLE_MIME = "application/vnd.speeches.table+json"
FIGURE_MIME = "application/vnd.speeches.figure+json"
MAX_ROWS = 20_000  # rows of one table embedded in a report (a note says when a table had more)
MAX_TABLE_BYTES = 400_000  # and at most this much JSON of its rows (a page with its CSV stays a few MB)


def table_data(frame: pd.DataFrame, *, max_rows: int = MAX_ROWS, max_bytes: int = MAX_TABLE_BYTES) -> dict:
    """The JSON-ready data of a table: ``columns``, ``kinds`` (``number``/``integer``/``text``), ``rows``, ``n_rows``.

    ``rows`` are the first rows, as many as fit both ``max_rows`` and ``max_bytes`` of JSON (at least one);
    ``n_rows`` counts them all.

    A named index becomes leading columns (as pandas shows it); an unnamed integer index left by a filter or a
    sort is dropped (it is row numbers, not data), another unnamed index kept as a column.  Dates are written
    as dates (``2024-06-24``, with the time only where one is not midnight), never as ISO timestamps.
    Missing values become ``None``; floats keep full precision (the page rounds for display).
    """
    table = frame
    if any(name is not None for name in table.index.names):
        table = table.reset_index()
    elif not isinstance(table.index, pd.RangeIndex):
        table = table.reset_index(drop=not isinstance(table.index, pd.MultiIndex)
                                  and pd.api.types.is_integer_dtype(table.index))
    if isinstance(table.columns, pd.MultiIndex):
        table = table.set_axis([" / ".join(map(str, c)) for c in table.columns], axis=1)
    columns = [str(c) for c in table.columns]
    kinds = []
    for _, column in table.items():
        if pd.api.types.is_bool_dtype(column.dtype):
            kinds.append("text")
        elif pd.api.types.is_integer_dtype(column.dtype):
            kinds.append("integer")
        elif pd.api.types.is_numeric_dtype(column.dtype):
            kinds.append("number")
        else:
            kinds.append("text")
    shown = table.head(max_rows).copy()
    for name, column in shown.items():
        if pd.api.types.is_datetime64_any_dtype(column):
            days = column.dropna()
            shown[name] = column.dt.strftime("%Y-%m-%d" if bool((days == days.dt.normalize()).all())
                                             else "%Y-%m-%d %H:%M:%S")
        elif column.dtype == object and column.map(lambda v: isinstance(v, datetime.date)).any():
            shown[name] = column.map(_as_date)  # the corpus' dates: datetime.date objects (any year 1-9999)
    rows = json.loads(shown.set_axis(columns, axis=1).to_json(orient="values", double_precision=15,
                                                               date_format="iso", default_handler=str))
    return {"columns": columns, "kinds": kinds, "rows": _first_rows_within(rows, max_bytes), "n_rows": len(table)}


def _first_rows_within(rows: list, max_bytes: int) -> list:
    """The leading rows whose JSON (UTF-8, as the page embeds it) takes at most ``max_bytes``; at least one."""
    used = 0
    for i, row in enumerate(rows):
        used += len(json.dumps(row, ensure_ascii=False, separators=(",", ":"), default=str).encode()) + 1
        if used > max_bytes:
            return rows[:max(i, 1)]
    return rows


def _as_date(value):
    """A date as a reader writes it (``2024-06-24``; a datetime with its time unless it is midnight); other values
    as they are."""
    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%d" if value.time() == datetime.time() else "%Y-%m-%d %H:%M:%S")
    return value.isoformat() if isinstance(value, datetime.date) else value


def figure_data(figure) -> dict:
    """``{"title": ..., "description": ...}``: the figure's suptitle, else the titles of its axes joined by "; ";
    and what the figure shows, as the figure function wrote it into the figure's label (its trend, its top
    values; empty when it wrote none), for the image's alt text."""
    titles = []
    suptitle = getattr(figure, "_suptitle", None)
    if suptitle is not None and suptitle.get_text().strip():
        titles.append(suptitle.get_text().strip())
    else:
        for axes in figure.axes:
            for loc in ("center", "left", "right"):
                text = axes.get_title(loc=loc).strip()
                if text:
                    titles.append(text)
    label = figure.get_label() if callable(getattr(figure, "get_label", None)) else ""
    return {"title": "; ".join(dict.fromkeys(titles)), "description": label if isinstance(label, str) else ""}


def warning_line(message, category, filename, lineno, line=None) -> str:
    """A warning as a report shows it: ``CorpusWarning: message``, without the file and line that raised it (a
    temporary file of the kernel's for a notebook cell, or a path of this machine's)."""
    return f"{category.__name__}: {message}\n"


def install(shell=None) -> None:
    """Register the two formats with the running IPython shell (a report kernel), and show warnings without the
    file that raised them (:func:`warning_line`)."""
    from IPython import get_ipython
    from IPython.core.formatters import JSONFormatter

    shell = shell or get_ipython()
    if shell is None:
        return
    display = shell.display_formatter
    tables = JSONFormatter(parent=display)
    tables.format_type = TABLE_MIME
    tables.for_type(pd.DataFrame, table_data)
    tables.for_type_by_name("helpers.provenance", "Provenance", lambda record: table_data(record.table))
    figures = JSONFormatter(parent=display)
    figures.format_type = FIGURE_MIME
    figures.for_type_by_name("matplotlib.figure", "Figure", figure_data)  # no matplotlib import for it
    display.formatters[TABLE_MIME] = tables
    display.formatters[FIGURE_MIME] = figures
    warnings.formatwarning = warning_line  # this kernel runs one report: its messages are read, not debugged
    # the memory a cell freed goes back to the system: a kernel would otherwise hold its largest cell's memory
    # for the rest of the report (a process that built notebook 00's paragraph table at 979 M characters kept
    # 1,153 MB resident, 742 MB once it was given back)
    shell.events.register("post_run_cell", release)
