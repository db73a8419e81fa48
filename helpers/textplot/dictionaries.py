"""Dictionary categories per 10,000 words, by document or by year (:func:`helpers.textstat.lookup.lookup`)."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from .base import BAR, document_order, names_of, new_figure, says_why, with_fonts

__all__ = ["category_rates"]

MAX_COLUMNS = 60  # beyond this many documents or years the heatmap drops its column labels to every n-th


@with_fonts
def category_rates(table: pd.DataFrame, *, by: str = "doc_id", labels: Mapping[str, str] | pd.Series | None = None,
                   title: str = "", note: str = "") -> Figure:
    """The rate per 10,000 words (``per_10k``) of each category by ``by`` (``doc_id`` or ``year``, a column of
    ``table``): horizontal bars when there is one document or year, else a heatmap (categories down, documents
    in ``labels``' order or years across, each cell's rate written in it when there are few).  An empty table
    gives a figure that says so (``note``)."""
    if table is None or table.empty:
        return says_why(note or "没有词典匹配 no dictionary counts to show", title)
    categories = list(dict.fromkeys(table["category"]))
    if by == "doc_id":
        names = names_of(labels)
        columns = document_order(list(dict.fromkeys(table["doc_id"])), names)
        tick = [str(names.get(c, c)) for c in columns]
    else:
        columns = sorted(table[by].dropna().unique())
        tick = [str(c) for c in columns]
    grid = table.pivot_table(index="category", columns=by, values="per_10k", aggfunc="sum", sort=False)
    grid = grid.reindex(index=categories, columns=columns)
    if len(columns) == 1:
        return _bars(grid.iloc[:, 0], title=title or f"{tick[0]}: 每万词 per 10,000 words")
    width = min(4 + 0.45 * len(columns) + max(len(c) for c in categories) * 0.15, 18)
    fig = new_figure(width, 1.5 + 0.42 * len(categories))
    ax = fig.subplots()
    values = grid.to_numpy(dtype=float)
    image = ax.imshow(values, aspect="auto", cmap="Blues", interpolation="nearest")
    ax.set_yticks(range(len(categories)), categories)
    step = max(1, -(-len(columns) // MAX_COLUMNS))
    turned = by == "doc_id" or len(columns) > 20
    ax.set_xticks(range(0, len(columns), step), tick[::step], rotation=60 if turned else 0,
                  ha="right" if turned else "center", fontsize=8)
    if values.size <= 300:
        top = np.nanmax(values) if np.isfinite(values).any() else 0
        for (i, j), v in np.ndenumerate(values):
            if np.isfinite(v):
                ax.text(j, i, f"{v:.0f}", ha="center", va="center", fontsize=7,
                        color="white" if top and v > 0.6 * top else "#222222")
    fig.colorbar(image, ax=ax, label="每万词 per 10,000 words", shrink=0.8)
    ax.set_xlabel("年份 year" if by == "year" else "")
    if title:
        ax.set_title(title)
    return fig


def _bars(rates: pd.Series, *, title: str) -> Figure:
    rates = rates.fillna(0)
    fig = new_figure(8, 1.2 + 0.38 * len(rates))
    ax = fig.subplots()
    ax.barh(range(len(rates)), rates.to_numpy(), color=BAR)
    ax.set_yticks(range(len(rates)), rates.index)
    ax.invert_yaxis()
    for i, v in enumerate(rates.to_numpy()):
        ax.text(v, i, f" {v:.1f}", va="center", fontsize=8)
    ax.set_xlabel("每万词 per 10,000 words")
    ax.spines[["top", "right"]].set_visible(False)
    ax.set_title(title)
    return fig
