"""Positions of documents on a scaled dimension (Wordfish, Wordscores, correspondence analysis), with intervals."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from .base import distinct_colors, document_order, names_of, new_figure, says_why, with_fonts

__all__ = ["positions"]

# the tallest figure (inches): 3,000 px at 150 dpi, less the margins
MAX_HEIGHT = 19.0


@with_fonts
def positions(table: pd.DataFrame | None, *, value: str = "theta", labels: Mapping[str, str] | pd.Series | None = None,
              hue: str | None = None, title: str = "", xlabel: str = "", note: str = "") -> Figure:
    """One row per document (``doc_id``), in time order when given :func:`helpers.textstat.document_labels`
    (the earliest at the top): its position ``value`` as a point, and its interval ``lower``–``upper`` as a line
    where the table has them (Wordfish, Wordscores; none for correspondence coordinates).  ``hue`` colours the
    points by a column (genre) with a legend.  An empty table (or None: no model fitted) gives a figure that
    says why (``note``).
    """
    if table is None or table.empty:
        return says_why(note or "没有位置 no positions to show", title)
    names = names_of(labels)
    order = document_order(table["doc_id"].tolist(), names)
    rows = table.set_index("doc_id").loc[order]
    n = len(rows)
    fontsize = 9.0 if n <= 40 else max(5.0, 9.0 * 40 / n)
    fig = new_figure(9.5, min(MAX_HEIGHT, 1.6 + 0.22 * n))
    ax = fig.subplots()
    y = np.arange(n)[::-1]
    groups = list(dict.fromkeys(rows[hue].fillna("").astype(str))) if hue and hue in rows else [""]
    colours = dict(zip(groups, distinct_colors(len(groups)), strict=True))
    of_row = rows[hue].fillna("").astype(str).to_numpy() if hue and hue in rows else np.array([""] * n)
    has_interval = {"lower", "upper"} <= set(rows.columns) and rows[["lower", "upper"]].notna().all(axis=None)
    for group in groups:
        chosen = of_row == group
        part = rows[chosen]
        if has_interval:
            ax.hlines(y[chosen], part["lower"], part["upper"], color=colours[group], lw=1.4, alpha=0.7)
        ax.plot(part[value], y[chosen], "o", ms=4, color=colours[group], label=group or None)
    ax.set_yticks(y, [names.get(d, d) for d in order], fontsize=fontsize)
    ax.set_ylim(-0.8, n - 0.2)
    ax.axvline(0, color="#999999", lw=0.6, ls=":")
    ax.set_xlabel(xlabel or value + (" (95% interval)" if has_interval else ""))
    ax.grid(axis="x", alpha=0.3)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    if len(groups) > 1:
        ax.legend(loc="best", fontsize=8, frameon=False)
    if title:
        ax.set_title(title + (f"\n{note}" if note else ""), fontsize=11)
    return fig
