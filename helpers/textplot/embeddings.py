"""Words in context over time: a term's neighbours in each period, and terms on an axis across periods.

The tables come from :mod:`helpers.embeddings` (``neighbours``, ``axis``), their periods in time order.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from .base import BAR, distinct_colors, in_order, new_figure, says_why, with_fonts
from .labels import arrange

__all__ = ["axis_positions", "period_neighbours"]

MAX_PANELS = 6  # periods side by side; more are named in the title
SHARED = "#c0504d"  # a neighbour found in more than one period


@with_fonts
def period_neighbours(table: pd.DataFrame | None, term: str | None = None, *, title: str = "",
                      note: str = "") -> Figure:
    """One panel per period (earliest on the left): ``term``'s neighbours (rank 1 at the top) as bars of cosine
    similarity, from :func:`helpers.embeddings.neighbours`.  A neighbour found in more than one period is drawn
    in red, so what stays and what changes reads across the row.  ``term``: which term of the table (the first
    if None).  An empty table (or None) gives a figure saying why (``note``)."""
    if table is None or table.empty or (term is not None and term not in set(table["term"])):
        return says_why(note or f"{term or ''} 没有近邻 no neighbours to show (the term is in no period's model)",
                         title)
    term = term if term is not None else str(table["term"].iloc[0])
    rows = table[table["term"] == term]
    periods = in_order(rows["period"])
    shown, left_out = periods[-MAX_PANELS:], periods[:-MAX_PANELS]
    recurring = rows.groupby("neighbour")["period"].nunique()
    recurring = set(recurring[recurring > 1].index)
    top_n = int(rows["rank"].max())
    fig = new_figure(min(2.3 * len(shown) + 0.6, 15.0), 1.3 + 0.3 * top_n)
    axes = np.atleast_1d(fig.subplots(1, len(shown), sharex=True))
    high = max(float(rows["similarity"].max()), 0.1)
    for ax, period in zip(axes, shown, strict=True):
        part = rows[rows["period"] == period].sort_values("rank")
        y = np.arange(len(part))[::-1] + (top_n - len(part))
        colours = [SHARED if w in recurring else BAR for w in part["neighbour"]]
        ax.barh(y, part["similarity"], color=colours, height=0.7)
        ax.set_yticks(y, part["neighbour"].tolist(), fontsize=10)
        for tick, colour in zip(ax.get_yticklabels(), colours, strict=True):
            tick.set_color(colour)
        ax.set_ylim(-0.6, top_n - 0.4)
        ax.set_xlim(0, high * 1.05)
        ax.set_title(str(period), fontsize=11)
        ax.spines[["top", "right"]].set_visible(False)
        ax.tick_params(axis="x", labelsize=8)
    fig.supxlabel("余弦相似度 cosine similarity (红色: 多个时期共有 red: a neighbour in several periods)", fontsize=9)
    heading = title or f"“{term}”的近邻 neighbours of {term} by period"
    if left_out:
        heading += f"\n（另有 {len(left_out)} 个时期见表格 {len(left_out)} earlier periods in the table）"
    fig.suptitle(heading + (f"\n{note}" if note else ""), fontsize=12)
    return fig


@with_fonts
def axis_positions(table: pd.DataFrame | None, *, pole_a: Sequence[str] = (), pole_b: Sequence[str] = (),
                   title: str = "", note: str = "") -> Figure:
    """Terms on an axis over time, from :func:`helpers.embeddings.axis`: periods along x (time order), each
    term's ``position`` as a line of points (its name beside its last point) with its ``lower``–``upper``
    interval as a vertical bar; terms are set a little apart within a period so their bars do not hide each
    other.  Up the side: towards ``pole_a`` (below zero) and ``pole_b`` (above).  An empty table (or None)
    gives a figure saying why (``note``)."""
    if table is None or table.empty:
        return says_why(note or "没有位置 no positions to show (no period's model holds both poles and a term)",
                         title)
    periods = in_order(table["period"])
    terms = in_order(table["term"])
    at = {p: i for i, p in enumerate(periods)}
    colours = dict(zip(terms, distinct_colors(len(terms)), strict=True))
    fig = new_figure(min(3.0 + 1.5 * len(periods), 14.0), 5.2)
    ax = fig.subplots()
    offsets = (np.arange(len(terms)) - (len(terms) - 1) / 2) * min(0.08, 0.5 / max(len(terms), 1))
    ends = []
    for term, offset in zip(terms, offsets, strict=True):
        part = table[table["term"] == term]
        x = part["period"].map(at).to_numpy(dtype=float) + offset
        y = part["position"].to_numpy(dtype=float)
        ax.vlines(x, part["lower"], part["upper"], color=colours[term], lw=1.6, alpha=0.55)
        ax.plot(x, y, "-o", color=colours[term], ms=5, lw=1.2)
        ends.append((term, part["period"].map(at).iloc[-1] + offsets.max(), y[-1]))
    ax.axhline(0, color="#999999", lw=0.7, ls=":")
    ax.set_xticks(range(len(periods)), [str(p) for p in periods], fontsize=10)
    ax.set_xlim(-0.5, len(periods) - 0.5 + 0.6)
    a, b = "、".join(pole_a) or "pole a", "、".join(pole_b) or "pole b"
    ax.set_ylabel("位置 position（竖线: 自助区间 bars: bootstrap interval）", fontsize=9)
    ax.text(0.01, 0.99, f"↑ {b}", transform=ax.transAxes, fontsize=10, va="top", ha="left", color="#444444")
    ax.text(0.01, 0.01, f"↓ {a}", transform=ax.transAxes, fontsize=10, va="bottom", ha="left", color="#444444")
    ax.spines[["top", "right"]].set_visible(False)
    ax.grid(axis="y", alpha=0.3)
    FigureCanvasAgg(fig).draw()
    low, high = ax.get_ylim()
    gap = 10 * 1.4 / 72 * fig.dpi / max(ax.get_window_extent().height, 1) * (high - low)
    spots = arrange([e[2] for e in ends], gap, how="slide", within=(low, high))
    for (term, x, _), spot in zip(ends, spots, strict=True):
        ax.text(x + 0.1, spot, term, fontsize=10, color=colours[term], va="center", ha="left",
                gid="series-label")
    heading = title or "语义轴上的词语 terms on an axis, by period"
    ax.set_title(heading + (f"\n{note}" if note else ""), fontsize=12)
    return fig
