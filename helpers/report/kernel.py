"""What a report kernel displays besides the usual: the full data of each table, the title of each figure.

The report runner's kernels call :func:`install` at start (see
:mod:`.execute`).  It adds two display formats that only the report page reads
(JupyterLab ignores them): :data:`TABLE_MIME`, every row of a DataFrame (up to
:data:`MAX_ROWS`) with its column types, so the page can sort, search,
paginate and offer the full CSV; and :data:`FIGURE_MIME`, the title of a
matplotlib figure, for the alt text of its image.  pandas' own HTML output is
left as it is.
"""

from __future__ import annotations

import json

import pandas as pd

TABLE_MIME = "application/vnd.speeches.table+json"
FIGURE_MIME = "application/vnd.speeches.figure+json"
MAX_ROWS = 20_000  # rows of one table embedded in a report (a note says when a table had more)


def table_data(frame: pd.DataFrame, *, max_rows: int = MAX_ROWS) -> dict:
    """The JSON-ready data of a table: ``columns``, ``kinds`` (``number``/``integer``/``text``), ``rows``, ``n_rows``.

    A named or non-default index becomes leading columns (as pandas shows it).
    Missing values become ``None``; floats keep full precision (the page rounds for display).
    """
    table = frame
    if not isinstance(table.index, pd.RangeIndex) or any(name is not None for name in table.index.names):
        table = table.reset_index()
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
    shown = table.head(max_rows)
    rows = json.loads(shown.set_axis(columns, axis=1).to_json(orient="values", double_precision=15,
                                                               date_format="iso", default_handler=str))
    return {"columns": columns, "kinds": kinds, "rows": rows, "n_rows": len(table)}


def figure_data(figure) -> dict:
    """``{"title": ...}``: the figure's suptitle, else the titles of its axes joined by "; "."""
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
    return {"title": "; ".join(dict.fromkeys(titles))}


def install(shell=None) -> None:
    """Register the two formats with the running IPython shell (a report kernel)."""
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
